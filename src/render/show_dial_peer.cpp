// `show dial-peer voice summary` and `show voice class sip-options-keepalive <tag>` (CUBE),
// pure functions of the snapshot. E.g.
//   TAG        TYPE  ADMIN OPER  SESS-TARGET                          TRANSPORT KEEPALIVE
//   100        voip  up    up    ipv4:127.0.0.1:5060                  udp       active
//   200        voip  up    down  ipv4:127.0.0.1:5070                  udp       busyout
//   300        voip  up    up    server-group 1                       udp       partial
#include "render/show_dial_peer.hpp"

#include <fmt/format.h>

#include <charconv>

#include "render/show_server_group.hpp"

namespace gw::daemon {

namespace {

// A server-group dial-peer's state comes from the server-group keepalive.
std::optional<GroupPeerState> group_state(const DaemonSnapshot& s, const DialPeerStateSnapshot& p) {
  if (!p.server_group || !s.server_groups) return std::nullopt;
  const auto it = s.server_groups->dial_peers.find(p.tag);
  if (it == s.server_groups->dial_peers.end()) return std::nullopt;
  return it->second;
}

std::string keepalive_column(const DialPeerStateSnapshot& p, std::optional<GroupPeerState> g) {
  if (g) return std::string(to_string(*g));
  if (!p.keepalive) return "";
  return p.state == keepalive::TargetState::up ? "active" : "busyout";
}

std::string rtt_text(const std::optional<Duration>& rtt) {
  if (!rtt) return "-";
  return fmt::format("{:.1f}", std::chrono::duration<double, std::milli>(*rtt).count());
}

}  // namespace

void render_show_dial_peer_voice_summary(const DaemonSnapshot& snapshot,
                                         const std::function<void(std::string_view)>& emit) {
  emit(fmt::format("{:<10} {:<5} {:<5} {:<5} {:<36} {:<9} {}\n", "TAG", "TYPE", "ADMIN", "OPER",
                   "SESS-TARGET", "TRANSPORT", "KEEPALIVE"));
  if (!snapshot.dial_peers) return;
  // Padded by hand: fmt's width handling was 70% of the io thread's time for 100k lines
  // (perf, docs/benchmarks.md); the text is the same as "{:<10} {:<5} ...".
  std::string line;
  line.reserve(128);
  const auto pad = [&line](std::string_view s, std::size_t width) {
    line.append(s);
    if (s.size() < width) line.append(width - s.size(), ' ');
    line += ' ';
  };
  for (const auto& p : snapshot.dial_peers->peers) {
    const auto g = group_state(snapshot, p);
    const bool oper = p.admin_up && !(p.keepalive && p.state == keepalive::TargetState::down) &&
                      g != GroupPeerState::busyout;
    const std::string group_target =
        p.server_group ? fmt::format("server-group {}", p.server_group) : std::string();
    const std::string_view target =
        p.server_group ? std::string_view(group_target) : std::string_view(p.session_target);
    char tag[24];
    const auto tag_end = std::to_chars(tag, tag + sizeof tag, p.tag).ptr;
    line.clear();
    pad(std::string_view(tag, static_cast<std::size_t>(tag_end - tag)), 10);
    pad("voip", 5);
    pad(p.admin_up ? "up" : "down", 5);
    pad(oper ? "up" : "down", 5);
    pad(target, 36);
    pad(target.empty() ? std::string_view{} : to_string(p.transport), 9);
    line += keepalive_column(p, g);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    line += '\n';
    emit(line);
  }
}

std::string render_show_dial_peer_voice_summary(const DaemonSnapshot& snapshot) {
  std::string out;
  render_show_dial_peer_voice_summary(snapshot, [&out](std::string_view s) { out.append(s); });
  return out;
}

std::string render_show_voice_class_sip_options_keepalive(const DaemonSnapshot& snapshot, int tag) {
  if (!snapshot.dial_peers)
    return fmt::format("% Voice class sip-options-keepalive {} is not configured\n", tag);
  const auto& s = *snapshot.dial_peers;
  auto it = s.profiles.find(tag);
  if (it == s.profiles.end())
    return fmt::format("% Voice class sip-options-keepalive {} is not configured\n", tag);
  const config::OptionsKeepaliveProfile& prof = it->second;
  std::string out = fmt::format("Voice class sip-options-keepalive: {}  AdminStat: {}\n", tag,
                                prof.shutdown ? "Down" : "Up");
  out += fmt::format(" Description: {}\n", prof.description);
  out += fmt::format(" Transport: {}  Sip Profiles: {}\n", to_string(prof.transport),
                     prof.sip_profiles.empty() ? "-" : prof.sip_profiles);
  out += fmt::format(" Interval(seconds) Up: {}  Down: {}\n", prof.up_interval, prof.down_interval);
  out += fmt::format(" Retry: {}\n", prof.retry);
  if (s.time_scale != 1.0) out += fmt::format(" (time scale {})\n", s.time_scale);
  out += "\n";
  out += fmt::format("   {:<10} {:<30} {:<9} {:<8} {:<9} {:<5} {:<8} {:<17} {}\n", "Peer Tag",
                     "Address", "Transport", "OOD Stat", "Successes", "Code", "RTT (ms)",
                     "Attempts/Failures", "Last failure");
  for (const auto& p : s.peers) {
    if (p.profile != tag || p.server_group) continue;  // members listed below
    const char* stat = !p.keepalive                            ? "Shutdown"
                       : p.state == keepalive::TargetState::up ? "Active"
                                                               : "Busyout";
    std::string line = fmt::format(
        "   {:<10} {:<30} {:<9} {:<8} {:<9} {:<5} {:<8} {:<17} {}", p.tag,
        p.address.empty() ? p.session_target : p.address, to_string(p.transport), stat,
        p.consecutive_successes, p.last_status ? std::to_string(p.last_status) : std::string("-"),
        rtt_text(p.last_rtt), fmt::format("{}/{}", p.attempts, p.failures),
        p.last_failure ? std::string(keepalive::to_string(*p.last_failure)) : "-");
    out += line + "\n";
  }
  return out + render_server_group_members_of_profile(snapshot, tag);
}

std::string render_dial_peer_statistics(const DaemonSnapshot& snapshot) {
  if (!snapshot.dial_peers) return "";
  const auto& s = *snapshot.dial_peers;
  std::size_t probed = 0, busy = 0;
  for (const auto& p : s.peers) {
    if (!p.keepalive) continue;
    ++probed;
    if (p.state == keepalive::TargetState::down) ++busy;
  }
  const auto us = [](Duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  };
  std::string out = fmt::format("Dial-peer keepalive: {} probed, {} busyout, {} probes sent\n",
                                probed, busy, s.probes);
  out +=
      fmt::format("Probe send lateness: p50 {} us, p99 {} us, max {} us ({} samples)\n",
                  us(s.lateness.p50), us(s.lateness.p99), us(s.lateness.max), s.lateness.samples);
  return out;
}

}  // namespace gw::daemon
