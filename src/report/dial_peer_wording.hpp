// Dial-peer wording: what the dial-peer OPTIONS keepalive emits, as design.md's events
// (dial-peer.down / dial-peer.up) and IOS-style log lines. Pure functions of plain values;
// the service decides when, these decide what it reads like. Each log line comes with its
// severity (the digit in its %FACILITY-SEV-MNEMONIC).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "config/model.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/target_session.hpp"
#include "report/dial_peer_snapshot.hpp"
#include "report/event.hpp"
#include "report/ios_log.hpp"

namespace gw::daemon {

// A dial-peer whose keepalive state changed: down (busied out) or back up (active).
struct DialPeerChange {
  long tag = 0;
  bool up = false;
  std::string_view address;               // "ip:port" of the attempt, IPv6 in brackets
  const config::KeepaliveTarget& target;  // session target + the transport probed
  keepalive::FailureReason reason = keepalive::FailureReason::timeout;  // when down
};

// dial-peer.down (dial_peer, address, transport, reason) or dial-peer.up (the same but reason).
Event dial_peer_event(const DialPeerChange& change);

// Severity 5: "%SIP-5-DIALPEER_KEEPALIVE: dial-peer 100 session target ipv4:127.0.0.1:5060 udp
// OPTIONS keepalive status changed to BUSYOUT (503)", or "... changed to ACTIVE".
IosLogLine dial_peer_log_line(const DialPeerChange& change);

// Severity 7, one per attempt (debug): "%SIP-7-DIALPEER_ATTEMPT: dial-peer 100 127.0.0.1:5060
// udp ok status 200 state up" (a failure names its reason instead of "ok").
IosLogLine dial_peer_attempt_log_line(long tag, std::string_view address, Transport transport,
                                      const keepalive::AttemptOutcome& outcome,
                                      keepalive::TargetState state);

// Severity 4: a dial-peer with keepalive configured that is not probed, e.g. "%SIP-4-
// DIALPEER_KEEPALIVE: dial-peer 7: profile 9 is not configured" (`note` from the plan).
IosLogLine dial_peer_note_log_line(std::string_view note);

// Severity 3: "%SIP-3-DIALPEER_KEEPALIVE: internal error: <message>".
IosLogLine dial_peer_internal_error_log_line(std::string_view message);

// Severity 6: "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive started for 3 dial-peers".
IosLogLine dial_peer_started_log_line(std::size_t probed);

// Severity 6, one dial-peer of a live change: "... OPTIONS keepalive restarted for dial-peer 2"
// (probed before and after), "started" (after only) or "stopped" (before only).
IosLogLine dial_peer_change_log_line(long tag, bool was_probed, bool probed);

// Severity 6, after the first changes of a live change were logged one by one: "... OPTIONS
// keepalive restarted, started or stopped for 68 more dial-peers".
IosLogLine dial_peer_more_changes_log_line(std::size_t more);

// Severity 6, at stop (the scale benchmark reads it): "%GATEWATCH-6-DIALPEER_STATS: dial-peers
// 3 probes 9 lateness p50 25 us p99 50 us max 61 us wake-ups 5 deferred 0".
IosLogLine dial_peer_stats_log_line(std::size_t probed, std::uint64_t probes,
                                    const LatenessSnapshot& lateness, std::uint64_t wakeups,
                                    std::uint64_t deferred);

}  // namespace gw::daemon
