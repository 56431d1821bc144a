// `show voice class server-group <tag>` and the server-group part of `show voice class
// sip-options-keepalive <tag>`. E.g.
//   Voice class server-group: 1
//    AdminStatus: Up, OperStatus: Up
//    Hunt-Scheme: preference
//    Description: ITSP
//    Dial-peers: 100 200
//    Total server entries: 2
//     Pref  Type  IP Address                               IP Port  Keepalive
//     0     ipv4  10.0.0.1                                 5060     up
//     1     ipv4  10.0.0.2                                 5070     down
#include "render/show_server_group.hpp"

#include <fmt/format.h>

namespace gw::daemon {

namespace {

const char* state_word(keepalive::TargetState s) {
  return s == keepalive::TargetState::up ? "up" : "down";
}

std::string peers_text(const std::vector<long>& peers) {
  std::string out;
  for (long p : peers) out += (out.empty() ? "" : " ") + std::to_string(p);
  return out.empty() ? "-" : out;
}

}  // namespace

std::string render_show_voice_class_server_group(const DaemonSnapshot& snapshot, long tag) {
  const std::string missing = fmt::format("% Voice class server-group {} is not configured\n", tag);
  if (!snapshot.server_groups) return missing;
  const auto it = snapshot.server_groups->groups.find(tag);
  if (it == snapshot.server_groups->groups.end()) return missing;
  const ServerGroupStateSnapshot& g = it->second;
  bool any_up = g.probes.empty() && !g.config.members.empty();
  for (const auto& p : g.probes) any_up = any_up || p.state == keepalive::TargetState::up;
  const bool oper = !g.config.shutdown && any_up;
  std::string out = fmt::format("Voice class server-group: {}\n", tag);
  out += fmt::format(" AdminStatus: {}, OperStatus: {}\n", g.config.shutdown ? "Down" : "Up",
                     oper ? "Up" : "Down");
  out +=
      fmt::format(" Hunt-Scheme: {}\n", g.config.hunt_round_robin ? "round-robin" : "preference");
  out += fmt::format(" Description: {}\n", g.config.description);
  out += fmt::format(" Dial-peers: {}\n", peers_text(g.dial_peers));
  out += fmt::format(" Total server entries: {}\n", g.config.members.size());
  out += fmt::format("  {:<5} {:<5} {:<40} {:<8} {}\n", "Pref", "Type", "IP Address", "IP Port",
                     "Keepalive");
  for (std::size_t i = 0; i < g.config.members.size(); ++i) {
    const config::ServerGroupMember& m = g.config.members[i];
    std::string keepalive;
    std::size_t probes = 0;
    for (const auto& p : g.probes) {
      if (p.member != i) continue;
      keepalive += (keepalive.empty() ? "" : ", ") + std::string(state_word(p.state));
      if (p.profile != 0) keepalive += fmt::format(" (profile {})", p.profile);
      ++probes;
    }
    if (probes == 1) keepalive = keepalive.substr(0, keepalive.find(' '));
    if (probes == 0) keepalive = g.config.shutdown ? "shutdown" : "-";
    out += fmt::format("  {:<5} {:<5} {:<40} {:<8} {}\n", m.preference, m.ipv6 ? "ipv6" : "ipv4",
                       m.address, m.effective_port(), keepalive);
  }
  return out;
}

std::string render_server_group_members_of_profile(const DaemonSnapshot& snapshot, int profile) {
  if (!snapshot.server_groups) return "";
  std::string out;
  for (const auto& [tag, g] : snapshot.server_groups->groups) {
    for (const auto& p : g.probes) {
      if (p.profile != profile) continue;
      if (out.empty())
        out = fmt::format("\n   {:<12} {:<30} {:<9} {:<8} {:<5} {:<17} {}\n", "Server group",
                          "Address", "Transport", "OOD Stat", "Code", "Attempts/Failures",
                          "Dial-peers");
      std::string line = fmt::format(
          "   {:<12} {:<30} {:<9} {:<8} {:<5} {:<17} {}", tag, p.address, to_string(p.transport),
          p.state == keepalive::TargetState::up ? "Active" : "Busyout",
          p.last_status ? std::to_string(p.last_status) : std::string("-"),
          fmt::format("{}/{}", p.attempts, p.failures), peers_text(g.dial_peers));
      out += line + "\n";
    }
  }
  return out;
}

}  // namespace gw::daemon
