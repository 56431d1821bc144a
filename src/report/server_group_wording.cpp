// Server-group wording: see server_group_wording.hpp.
#include "report/server_group_wording.hpp"

#include <fmt/format.h>

#include <cctype>
#include <chrono>

namespace gw::daemon {

std::string_view to_string(GroupPeerState s) {
  switch (s) {
    case GroupPeerState::active:
      return "active";
    case GroupPeerState::partial:
      return "partial";
    case GroupPeerState::busyout:
      return "busyout";
  }
  return "active";
}

Event server_group_member_event(const ServerGroupMemberChange& c) {
  Event e{c.up ? names::kServerGroupMemberUp : names::kServerGroupMemberDown, {}};
  e.with("group", static_cast<std::int64_t>(c.group))
      .with("address", std::string(c.address))
      .with("transport", std::string(to_string(c.transport)));
  if (!c.up) e.with("reason", std::string(keepalive::to_string(c.reason)));
  return e;
}

IosLogLine server_group_member_log_line(const ServerGroupMemberChange& c) {
  if (c.up)
    return {5, fmt::format("%SIP-5-SERVER_GROUP_MEMBER: server-group {} member {} {} OPTIONS "
                           "keepalive status changed to UP",
                           c.group, c.address, to_string(c.transport))};
  return {5,
          fmt::format("%SIP-5-SERVER_GROUP_MEMBER: server-group {} member {} {} OPTIONS "
                      "keepalive status changed to DOWN ({})",
                      c.group, c.address, to_string(c.transport), keepalive::to_string(c.reason))};
}

Event server_group_peer_event(const ServerGroupPeerChange& c) {
  const bool up = c.to != GroupPeerState::busyout;
  Event e{up ? names::kDialPeerUp : names::kDialPeerDown, {}};
  e.with("dial_peer", static_cast<std::int64_t>(c.tag))
      .with("address", std::string(c.address))
      .with("transport", std::string(to_string(c.transport)));
  if (!up) e.with("reason", std::string(keepalive::to_string(c.reason)));
  return e;
}

IosLogLine server_group_peer_log_line(const ServerGroupPeerChange& c) {
  std::string state(to_string(c.to));
  for (char& ch : state) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return {5, fmt::format("%SIP-5-DIALPEER_STATUS: dial-peer {} server-group {} OPTIONS keepalive "
                         "status changed to {}",
                         c.tag, c.group, state)};
}

IosLogLine server_group_started_log_line(std::size_t members, std::size_t peers) {
  return {6, fmt::format("%SIP-6-SERVER_GROUP: OPTIONS keepalive started for {} server-group "
                         "member{} of {} dial-peer{}",
                         members, members == 1 ? "" : "s", peers, peers == 1 ? "" : "s")};
}

IosLogLine server_group_restart_log_line(std::size_t started, std::size_t stopped,
                                         std::size_t kept) {
  return {6, fmt::format("%SIP-6-SERVER_GROUP: OPTIONS keepalive started for {} server-group "
                         "member{}, stopped for {}, {} kept",
                         started, started == 1 ? "" : "s", stopped, kept)};
}

IosLogLine server_group_stats_log_line(std::size_t members, std::size_t peers, std::uint64_t probes,
                                       const LatenessSnapshot& l, std::uint64_t wakeups,
                                       std::uint64_t deferred) {
  const auto us = [](Duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  };
  return {6,
          fmt::format("%GATEWATCH-6-SERVER_GROUP_STATS: members {} dial-peers {} probes {} "
                      "lateness p50 {} us p99 {} us max {} us wake-ups {} deferred {}",
                      members, peers, probes, us(l.p50), us(l.p99), us(l.max), wakeups, deferred)};
}

}  // namespace gw::daemon
