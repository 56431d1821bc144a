// The outcome of one keepalive attempt, and how it is decided (IOS semantics): any final
// response is a success except 503 and 505; no answer, a refused/reset connection, a failed TLS
// handshake or a failed DNS lookup is a failure. The reason strings returned by to_string are
// the exact `reason` values of sip.target.down / dial-peer.down events.
// Contract: pure value types and functions; nothing throws.
#pragma once
#include <optional>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"
#include "sip/client_transaction.hpp"

namespace gw::keepalive {

enum class FailureReason { timeout, status_503, status_505, refused, reset, tls, dns };

// "timeout", "503", "505", "refused", "reset", "tls", "dns".
std::string_view to_string(FailureReason r);

struct AttemptOutcome {
  bool success = false;
  FailureReason reason = FailureReason::timeout;  // meaningful only when !success
  int status = 0;                                 // the final status when one arrived, else 0
  std::optional<Duration> rtt;                    // first send to final response, when one arrived
  // When the attempt ended: the final response's arrival, or the moment it failed. The next
  // attempt is timed from it. nullopt: the prober does not say (the caller's "now" applies).
  std::optional<TimePoint> ended;

  static AttemptOutcome succeeded(int status, std::optional<Duration> rtt = std::nullopt);
  static AttemptOutcome failed(FailureReason reason, int status = 0,
                               std::optional<Duration> rtt = std::nullopt);
};

// When `o` ended, for timing the next attempt: o.ended, never later than `now` (the time the
// caller learned of it); `now` when the prober did not say.
inline TimePoint end_of(const AttemptOutcome& o, TimePoint now) {
  return o.ended && *o.ended < now ? *o.ended : now;
}

// Classifies a final status (200-699): success unless 503 or 505.
AttemptOutcome classify(int status, std::optional<Duration> rtt = std::nullopt);

FailureReason from_transport_error(sip::TransportError e);

// The outcome of a finished transaction; an "attempt-not-finished" error while it still runs.
Result<AttemptOutcome> outcome_of(const sip::ClientTransaction& tx);

}  // namespace gw::keepalive
