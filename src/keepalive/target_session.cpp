// Rules of a keepalive target (everything that affects a transition is in this file):
// 1. A target starts up; start() begins its first attempt at once.
// 2. One attempt at a time. The next attempt is due at the end of the previous one plus
//    active_interval when the target is (now) up, plus down_interval when it is (now) down.
// 3. Up: a success keeps it up; the first failure makes it down (reason = that failure).
// 4. Down: every success counts; when `trigger` consecutive successes are reached it is up.
//    Any failure resets the count to zero and keeps it down.
// 5. Success and failure are decided by classify(): any final response except 503/505.
// 6. Anything else is impossible and reported as an error naming event and phase.
#include "keepalive/target_session.hpp"

#include <algorithm>
#include <string>

namespace gw::keepalive {
namespace {

using Phase = TargetSession::Phase;
enum class Event { start, begin_attempt, success, failure };
constexpr int kPhases = 5;
constexpr int kEvents = 4;

std::string_view to_string(Event e) {
  switch (e) {
    case Event::start:
      return "start";
    case Event::begin_attempt:
      return "begin-attempt";
    case Event::success:
      return "attempt-success";
    case Event::failure:
      return "attempt-failure";
  }
  return "?";
}

// Transition table: phase x event -> next phase; nullopt = impossible. The one guarded entry:
// down_probing x success goes to up_waiting instead when the trigger count is reached.
constexpr std::optional<Phase> kTable[kPhases][kEvents] = {
    //                start               begin_attempt         success              failure
    /* idle */ {Phase::up_probing, std::nullopt, std::nullopt, std::nullopt},
    /* up_waiting */ {std::nullopt, Phase::up_probing, std::nullopt, std::nullopt},
    /* up_probing */ {std::nullopt, std::nullopt, Phase::up_waiting, Phase::down_waiting},
    /* down_waiting */ {std::nullopt, Phase::down_probing, std::nullopt, std::nullopt},
    /* down_probing */ {std::nullopt, std::nullopt, Phase::down_waiting, Phase::down_waiting},
};

Result<Phase> lookup(Phase from, Event e) {
  const auto to = kTable[static_cast<int>(from)][static_cast<int>(e)];
  if (!to) {
    return fail("impossible-event", "event '" + std::string(to_string(e)) +
                                        "' is impossible in state '" +
                                        std::string(to_string(from)) + "'");
  }
  return *to;
}

}  // namespace

std::string_view to_string(TargetState s) {
  return s == TargetState::up ? "up" : "down";
}

std::string_view to_string(TargetSession::Phase p) {
  switch (p) {
    case Phase::idle:
      return "idle";
    case Phase::up_waiting:
      return "up-waiting";
    case Phase::up_probing:
      return "up-probing";
    case Phase::down_waiting:
      return "down-waiting";
    case Phase::down_probing:
      return "down-probing";
  }
  return "?";
}

TargetSession::TargetSession(TargetPolicy policy) : policy_(policy) {}

TargetState TargetSession::state() const {
  return (phase_ == Phase::down_waiting || phase_ == Phase::down_probing) ? TargetState::down
                                                                          : TargetState::up;
}

Status<> TargetSession::start(TimePoint now) {
  return enter_attempt(true, now);
}

Status<> TargetSession::begin_attempt(TimePoint now) {
  return enter_attempt(false, now);
}

// Both the first attempt and every later one: the table decides the probing phase.
Status<> TargetSession::enter_attempt(bool first, TimePoint now) {
  auto to = lookup(phase_, first ? Event::start : Event::begin_attempt);
  if (!to) return Unexpected<Error>{to.error()};
  phase_ = *to;
  next_attempt_.reset();
  attempt_started_ = now;
  ++attempts_;
  return Ok{};
}

Result<Transition> TargetSession::on_attempt_result(TimePoint now, const AttemptOutcome& outcome) {
  auto to = lookup(phase_, outcome.success ? Event::success : Event::failure);
  if (!to) return Unexpected<Error>{to.error()};

  const TargetState before = state();
  if (outcome.status != 0) last_status_ = outcome.status;
  if (outcome.rtt) last_rtt_ = outcome.rtt;
  Phase next = *to;
  if (outcome.success) {
    ++consecutive_successes_;
    if (phase_ == Phase::down_probing && consecutive_successes_ >= std::max(1, policy_.trigger)) {
      next = Phase::up_waiting;  // the guarded entry of the table
    }
  } else {
    consecutive_successes_ = 0;
    last_failure_ = outcome.reason;
    ++failures_;
  }
  phase_ = next;

  Transition t;
  const TargetState after = state();
  if (before == TargetState::up && after == TargetState::down) {
    t.change = Transition::Change::went_down;
    t.reason = outcome.reason;
  } else if (before == TargetState::down && after == TargetState::up) {
    t.change = Transition::Change::went_up;
  }
  t.next_attempt =
      now + (after == TargetState::up ? policy_.active_interval : policy_.down_interval);
  next_attempt_ = t.next_attempt;
  return t;
}

}  // namespace gw::keepalive
