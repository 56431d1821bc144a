// TargetSession: the up/down state of one keepalive target (primary or secondary SIP server,
// or a dial-peer), driven by attempt outcomes and caller-supplied time points.
// Contract: the session never reads a clock and never sends; it tells the caller when to begin
// an attempt and returns a named Transition for each result. Usage:
//   start(now)                         -> begin the first attempt now (the target starts up)
//   on_attempt_result(now, outcome)    -> Transition {unchanged | went_down(reason) | went_up}
//                                         and next_attempt, the time to begin the next one
//   begin_attempt(now)                 -> at (or after) next_attempt, the caller starts it
// An event that is impossible in the current phase (a result with no attempt running, a second
// start, ...) returns an "impossible-event" Error naming event and phase, and changes nothing.
// The policy is copied; set_policy() takes effect from the next scheduled attempt.
// Not thread-safe: one owner (the net/daemon layer's event loop).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/policy.hpp"

namespace gw::keepalive {

enum class TargetState { up, down };
std::string_view to_string(TargetState s);  // "up", "down"

struct Transition {
  enum class Change { unchanged, went_down, went_up };
  Change change = Change::unchanged;
  std::optional<FailureReason> reason;  // set when change == went_down
  TimePoint next_attempt{};             // end of this attempt + active or down interval
};

class TargetSession {
 public:
  // The session's phases; exposed for show output and error texts.
  enum class Phase { idle, up_waiting, up_probing, down_waiting, down_probing };

  explicit TargetSession(TargetPolicy policy = {});

  Status<> start(TimePoint now);
  Status<> begin_attempt(TimePoint now);
  Result<Transition> on_attempt_result(TimePoint now, const AttemptOutcome& outcome);
  void set_policy(const TargetPolicy& policy) { policy_ = policy; }

  const TargetPolicy& policy() const { return policy_; }
  Phase phase() const { return phase_; }
  TargetState state() const;  // idle counts as up: a target starts up
  bool attempt_running() const {
    return phase_ == Phase::up_probing || phase_ == Phase::down_probing;
  }
  std::optional<TimePoint> next_attempt() const { return next_attempt_; }  // while waiting
  std::optional<TimePoint> attempt_started_at() const { return attempt_started_; }
  int consecutive_successes() const { return consecutive_successes_; }
  int last_status() const { return last_status_; }  // 0 until a final response arrived
  std::optional<Duration> last_rtt() const { return last_rtt_; }
  std::optional<FailureReason> last_failure() const { return last_failure_; }
  std::uint64_t attempts() const { return attempts_; }
  std::uint64_t failures() const { return failures_; }

 private:
  Status<> enter_attempt(bool first, TimePoint now);  // start() and begin_attempt()

  TargetPolicy policy_;
  Phase phase_ = Phase::idle;
  std::optional<TimePoint> next_attempt_;
  std::optional<TimePoint> attempt_started_;
  int consecutive_successes_ = 0;
  int last_status_ = 0;
  std::optional<Duration> last_rtt_;
  std::optional<FailureReason> last_failure_;
  std::uint64_t attempts_ = 0;
  std::uint64_t failures_ = 0;
};

std::string_view to_string(TargetSession::Phase p);

}  // namespace gw::keepalive
