// Snapshot of the CUBE server-group keepalive (show voice class server-group <tag>, the
// `partial` state of show dial-peer voice summary, metrics). Plain values; see snapshot.hpp.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "base/transport.hpp"
#include "config/model.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/target_session.hpp"

namespace gw::daemon {

// A server-group dial-peer's keepalive state (design.md: the KEEPALIVE column).
enum class GroupPeerState { active, partial, busyout };
std::string_view to_string(GroupPeerState s);

// One member as probed with one profile (a member probed with two profiles has two).
struct ServerGroupMemberSnapshot {
  std::size_t member = 0;  // index in the group's configuration order
  int profile = 0;         // 0: a dial-peer's inline form
  std::string address;     // "ip:port", IPv6 in brackets
  Transport transport = Transport::udp;
  keepalive::TargetState state = keepalive::TargetState::up;
  int last_status = 0;
  std::optional<keepalive::FailureReason> last_failure;
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;
};

struct ServerGroupStateSnapshot {
  long tag = 0;
  config::ServerGroup config;
  std::vector<ServerGroupMemberSnapshot> probes;  // by profile, then member
  std::vector<long> dial_peers;                   // probed dial-peers on it
};

struct ServerGroupKeepaliveSnapshot {
  std::map<long, ServerGroupStateSnapshot> groups;  // every configured group; empty in a summary
  std::map<long, GroupPeerState> dial_peers;        // every probed server-group dial-peer
  std::size_t members_probed = 0;                   // OPTIONS streams (also in a summary)
  std::size_t members_down = 0;
  std::size_t peers = 0, partial = 0, busyout = 0;  // dial-peers (also in a summary)
  std::uint64_t probes = 0;                         // attempts begun
};

}  // namespace gw::daemon
