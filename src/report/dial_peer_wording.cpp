// Dial-peer wording: see dial_peer_wording.hpp.
#include "report/dial_peer_wording.hpp"

#include <fmt/format.h>

#include <chrono>

namespace gw::daemon {

Event dial_peer_event(const DialPeerChange& c) {
  Event e{c.up ? names::kDialPeerUp : names::kDialPeerDown, {}};
  e.with("dial_peer", static_cast<std::int64_t>(c.tag))
      .with("address", std::string(c.address))
      .with("transport", std::string(to_string(c.target.transport)));
  if (!c.up) e.with("reason", std::string(keepalive::to_string(c.reason)));
  return e;
}

IosLogLine dial_peer_log_line(const DialPeerChange& c) {
  const std::string_view transport = to_string(c.target.transport);
  if (c.up) {
    return {5, fmt::format("%SIP-5-DIALPEER_KEEPALIVE: dial-peer {} session target {} {} "
                           "OPTIONS keepalive status changed to ACTIVE",
                           c.tag, config::configured_text(c.target), transport)};
  }
  return {5, fmt::format("%SIP-5-DIALPEER_KEEPALIVE: dial-peer {} session target {} {} "
                         "OPTIONS keepalive status changed to BUSYOUT ({})",
                         c.tag, config::configured_text(c.target), transport,
                         keepalive::to_string(c.reason))};
}

IosLogLine dial_peer_attempt_log_line(long tag, std::string_view address, Transport transport,
                                      const keepalive::AttemptOutcome& outcome,
                                      keepalive::TargetState state) {
  return {7, fmt::format(
                 "%SIP-7-DIALPEER_ATTEMPT: dial-peer {} {} {} {} status {} state {}", tag, address,
                 to_string(transport),
                 outcome.success ? std::string_view("ok") : keepalive::to_string(outcome.reason),
                 outcome.status, keepalive::to_string(state))};
}

IosLogLine dial_peer_note_log_line(std::string_view note) {
  return {4, fmt::format("%SIP-4-DIALPEER_KEEPALIVE: {}", note)};
}

IosLogLine dial_peer_internal_error_log_line(std::string_view message) {
  return {3, fmt::format("%SIP-3-DIALPEER_KEEPALIVE: internal error: {}", message)};
}

IosLogLine dial_peer_started_log_line(std::size_t probed) {
  return {6, fmt::format("%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive started for {} dial-peer{}",
                         probed, probed == 1 ? "" : "s")};
}

IosLogLine dial_peer_change_log_line(long tag, bool was_probed, bool probed) {
  return {6, fmt::format("%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive {} for dial-peer {}",
                         !probed      ? "stopped"
                         : was_probed ? "restarted"
                                      : "started",
                         tag)};
}

IosLogLine dial_peer_more_changes_log_line(std::size_t more) {
  return {6, fmt::format("%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive restarted, started or "
                         "stopped for {} more dial-peers",
                         more)};
}

IosLogLine dial_peer_stats_log_line(std::size_t probed, std::uint64_t probes,
                                    const LatenessSnapshot& l, std::uint64_t wakeups,
                                    std::uint64_t deferred) {
  const auto us = [](Duration d) {
    return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
  };
  return {6, fmt::format("%GATEWATCH-6-DIALPEER_STATS: dial-peers {} probes {} lateness p50 {} us "
                         "p99 {} us max {} us wake-ups {} deferred {}",
                         probed, probes, us(l.p50), us(l.p99), us(l.max), wakeups, deferred)};
}

}  // namespace gw::daemon
