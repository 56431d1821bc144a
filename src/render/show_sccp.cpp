// `show sccp` and `show sccp ccm group [N]`, e.g.
//   SCCP Admin State: UP
//   Call Manager: 127.0.0.1, Port Number: 2000, Identifier: 1, Version: 7.0
//           CCM group 1: Priority: 1, State: active, Keepalive: configured 30 s, effective 1 s
// Intervals are printed in configured units: the live (scaled) ones are divided by the time
// scale. Pure functions of the snapshot.
#include <fmt/format.h>

#include <cmath>

#include "render/show.hpp"
#include "report/sccp_wording.hpp"

namespace gw::daemon {

namespace {

// Seconds in configured units, rounded to the millisecond: "30", "1.5".
std::string unscaled_seconds(Duration d, double time_scale) {
  const double s = std::chrono::duration<double>(d).count() / (time_scale > 0 ? time_scale : 1.0);
  return fmt::format("{:g}", std::round(s * 1000.0) / 1000.0);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string kind_note(std::uint32_t type) {
  return type == sccp::kDeviceTypeTranscode ? " (gatewatch registers transcode in the MTP family)"
                                            : "";
}

void render_group(std::string& out, const SccpGroupState& g, double scale) {
  const config::CcmGroup& c = g.settings;
  out += fmt::format("CCM Group Identifier: {}\n", g.group);
  out += fmt::format("  Description: {}\n", c.description.empty() ? "None" : c.description);
  out += fmt::format("  Binded Interface: {}\n",
                     c.bind_interface.empty()
                         ? "NONE"
                         : c.bind_interface + " (not bound: source address chosen by the kernel)");
  out += fmt::format("  Registration Retries: {}, Registration Timeout: {} sec\n",
                     c.registration_retries, c.registration_timeout);
  out += fmt::format("  Keepalive Retries: {}, Keepalive Timeout: {} sec\n", c.keepalive_retries,
                     c.keepalive_timeout);
  out += fmt::format("  CCM Connect Retries: {}, CCM Connect Interval: {} sec\n", c.connect_retries,
                     c.connect_interval);
  out +=
      fmt::format("  Switchover Method: {}, Switchback Method: {}\n",
                  upper(config::to_string(c.switchover)), upper(config::to_string(c.switchback)));
  out += fmt::format("  Switchback Interval: {} sec, Switchback Timeout: {} sec\n",
                     c.switchback_interval, c.switchback_guard);
  out += fmt::format("  Active CCM: {}\n",
                     g.live.active ? std::to_string(*g.live.active) : std::string("NONE"));
  out += "\n  CCMs Associated to this CCM Group are:\n";
  out += fmt::format("  {:<10} {:<28} {:<8} {:<10} {:<22} {}\n", "Identifier", "Address",
                     "Priority", "State", "Keepalive cfg/eff (s)", "Unacked");
  sccp::SessionCounters sum;
  for (const auto& r : g.live.ccms) {
    out += fmt::format("  {:<10} {:<28} {:<8} {:<10} {:<22} {}\n", r.identifier, r.address,
                       r.priority, sccp::to_string(r.role),
                       unscaled_seconds(r.configured_keepalive, scale) + "/" +
                           unscaled_seconds(r.effective_keepalive, scale),
                       r.unacked);
    sum.unknown += r.counters.unknown;
    sum.malformed += r.counters.malformed;
    sum.unexpected += r.counters.unexpected;
    sum.keepalives_sent += r.counters.keepalives_sent;
    sum.keepalive_acks += r.counters.keepalive_acks;
    sum.register_rejects += r.counters.register_rejects;
  }
  const auto& w = g.wire;
  out += fmt::format("\n  KeepAlives sent {}, acked {}; RegisterRejects {}\n", sum.keepalives_sent,
                     sum.keepalive_acks, sum.register_rejects);
  out += fmt::format("  Connects {}, connect failures {}, closed by peer {}, bytes in {} out {}\n",
                     w.connects, w.connect_failures, w.closed_by_peer, w.bytes_in, w.bytes_out);
  out += fmt::format("  Dropped: unknown {}, malformed {}, unexpected {}, stale {}, unsent {}\n",
                     sum.unknown, sum.malformed, sum.unexpected, w.stale_input, w.dropped_sends);
}

}  // namespace

std::string render_show_sccp(const DaemonSnapshot& snapshot) {
  if (!snapshot.sccp) return "SCCP Admin State: DOWN\n";
  const SccpSnapshot& s = *snapshot.sccp;
  std::string out = fmt::format("SCCP Admin State: {}\n", s.enabled ? "UP" : "DOWN");
  out += fmt::format(
      "Gateway Local Interface: {}\n",
      s.local.empty() ? "NONE" : s.local + " (not bound: source address chosen by the kernel)");
  if (s.time_scale != 1.0)
    out += fmt::format("Time scale: {} (intervals shown in configured seconds)\n", s.time_scale);
  for (const auto& ccm : s.ccms) {
    out +=
        fmt::format("\nCall Manager: {}, Port Number: {}, Identifier: {}, Version: {}\n",
                    ccm.address, ccm.port, ccm.identifier, ccm.version.empty() ? "-" : ccm.version);
    bool listed = false;
    for (const auto& g : s.groups) {
      for (const auto& r : g.live.ccms) {
        if (r.identifier != static_cast<std::uint32_t>(ccm.identifier)) continue;
        listed = true;
        out += fmt::format(
            "        CCM group {}: Priority: {}, State: {}, Keepalive: configured {} s, effective "
            "{} s\n",
            g.group, r.priority, sccp::to_string(r.role),
            unscaled_seconds(r.configured_keepalive, s.time_scale),
            unscaled_seconds(r.effective_keepalive, s.time_scale));
      }
    }
    if (!listed) out += "        Not in a running CCM group\n";
  }
  if (!s.devices.empty()) {
    out += fmt::format("\n{:<16} {:<8} {:<6} {:<11} {}\n", "Device", "Profile", "Group", "Kind",
                       "SCCP device type");
    for (const auto& d : s.devices)
      out += fmt::format("{:<16} {:<8} {:<6} {:<11} {} {}{}\n", d.name, d.profile, d.group,
                         config::to_string(d.kind), d.type, device_type_name(d.type),
                         kind_note(d.type));
  }
  if (!s.notes.empty()) {
    out += "\nNot started:\n";
    for (const auto& n : s.notes) out += "  " + n + "\n";
  }
  return out;
}

std::string render_show_sccp_ccm_group(const DaemonSnapshot& snapshot, std::optional<int> group) {
  if (!snapshot.sccp || !snapshot.sccp->enabled) return "SCCP is disabled (no sccp)\n";
  const SccpSnapshot& s = *snapshot.sccp;
  std::string out;
  for (const auto& g : s.groups) {
    if (group && static_cast<int>(g.group) != *group) continue;
    if (!out.empty()) out += "\n";
    render_group(out, g, s.time_scale);
  }
  if (out.empty()) {
    return group ? fmt::format("% CCM group {} is not configured\n", *group)
                 : std::string("No CCM group is running\n");
  }
  return out;
}

}  // namespace gw::daemon
