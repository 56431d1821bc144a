// Server-group wording: what the CUBE server-group keepalive emits, as design.md's events
// (server-group.member.down / up; dial-peer.down / up when a dial-peer enters / leaves busyout)
// and IOS-style log lines. Pure functions of plain values.
#pragma once
#include <string>
#include <string_view>

#include "base/transport.hpp"
#include "keepalive/outcome.hpp"
#include "report/dial_peer_snapshot.hpp"
#include "report/event.hpp"
#include "report/ios_log.hpp"
#include "report/server_group_snapshot.hpp"

namespace gw::daemon {

struct ServerGroupMemberChange {
  long group = 0;
  bool up = false;
  std::string_view address;  // "ip:port", IPv6 in brackets
  Transport transport = Transport::udp;
  keepalive::FailureReason reason = keepalive::FailureReason::timeout;  // when down
};

// server-group.member.down (group, address, transport, reason) or .up (without reason).
Event server_group_member_event(const ServerGroupMemberChange& c);

// Severity 5: "%SIP-5-SERVER_GROUP_MEMBER: server-group 1 member 10.0.0.1:5060 udp OPTIONS
// keepalive status changed to DOWN (timeout)", or "... to UP".
IosLogLine server_group_member_log_line(const ServerGroupMemberChange& c);

// A server-group dial-peer whose state changed (`address`: the member whose change caused it).
struct ServerGroupPeerChange {
  long tag = 0;
  long group = 0;
  GroupPeerState from = GroupPeerState::active;
  GroupPeerState to = GroupPeerState::active;
  std::string_view address;
  Transport transport = Transport::udp;
  keepalive::FailureReason reason = keepalive::FailureReason::timeout;
};

// dial-peer.down on entering busyout, dial-peer.up on leaving it (design.md): `dial_peer`,
// `address`, `transport`, `reason` on down.
Event server_group_peer_event(const ServerGroupPeerChange& c);

// Severity 5: "%SIP-5-DIALPEER_STATUS: dial-peer 100 server-group 1 OPTIONS keepalive status
// changed to PARTIAL" (ACTIVE, PARTIAL, BUSYOUT).
IosLogLine server_group_peer_log_line(const ServerGroupPeerChange& c);

// Severity 6: "%SIP-6-SERVER_GROUP: OPTIONS keepalive started for 3 server-group members of
// 2 dial-peers".
IosLogLine server_group_started_log_line(std::size_t members, std::size_t peers);

// Severity 6, a live change that started or stopped streams: "%SIP-6-SERVER_GROUP: OPTIONS
// keepalive started for 2 server-group members, stopped for 1, 5 kept".
IosLogLine server_group_restart_log_line(std::size_t started, std::size_t stopped,
                                         std::size_t kept);

// Severity 6, at stop (bench/scale reads it): "%GATEWATCH-6-SERVER_GROUP_STATS: members 10000
// dial-peers 10000 probes 9 lateness p50 25 us p99 50 us max 61 us wake-ups 5 deferred 0".
IosLogLine server_group_stats_log_line(std::size_t members, std::size_t peers, std::uint64_t probes,
                                       const LatenessSnapshot& lateness, std::uint64_t wakeups,
                                       std::uint64_t deferred);

}  // namespace gw::daemon
