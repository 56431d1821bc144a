// Snapshot of the dial-peer OPTIONS keepalive (show dial-peer voice summary, show voice class
// sip-options-keepalive <tag>, show gatewatch statistics). Plain values; see snapshot.hpp.
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

struct DialPeerStateSnapshot {
  long tag = 0;
  std::string description;
  std::string session_target;  // "ipv4:127.0.0.1:5060", "" when none
  long server_group = 0;       // `session server-group` tag (state: server_group_snapshot.hpp)
  bool admin_up = true;        // not `shutdown`
  bool keepalive = false;      // probed by the keepalive
  int profile = 0;             // 0: inline form or none
  std::string address;         // "ip:port" of the last attempt (probed peers)
  Transport transport = Transport::udp;
  keepalive::TargetState state = keepalive::TargetState::up;
  bool probing = false;
  int consecutive_successes = 0;
  int last_status = 0;
  std::optional<Duration> last_rtt;
  std::optional<keepalive::FailureReason> last_failure;
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;
};

// Lateness of probe starts versus their scheduled time (the scale benchmark reads it).
struct LatenessSnapshot {
  std::uint64_t samples = 0;
  Duration p50{}, p99{}, max{};
};

struct DialPeerKeepaliveSnapshot {
  std::vector<DialPeerStateSnapshot> peers;  // every dial-peer, by tag; empty in a summary
  std::size_t probed = 0;   // dial-peers with OPTIONS keepalive running (also in a summary)
  std::size_t busyout = 0;  // of them, busied out (keepalive down; also in a summary)
  std::map<int, config::OptionsKeepaliveProfile> profiles;  // empty in a summary
  std::vector<std::string> notes;                           // empty in a summary
  double time_scale = 1.0;
  LatenessSnapshot lateness;
  std::uint64_t probes = 0;  // attempts begun
};

}  // namespace gw::daemon
