#include "keepalive/target_session.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "sip/client_transaction.hpp"

namespace gw::keepalive {
namespace {

using namespace std::chrono_literals;
using Change = Transition::Change;

// Drives a TargetSession with real (pure) UDP client transactions on a fake clock.
struct Harness {
  FakeClock clock;
  TargetPolicy policy;
  TargetSession session;
  TimePoint t0 = clock.now();

  explicit Harness(TargetPolicy p = {}) : policy(p), session(p) {}

  Duration elapsed() const { return clock.now() - t0; }

  // Runs the attempt that the session says is running; the server answers `status` after
  // `delay`, or never when status is nullopt.
  Transition attempt(std::optional<int> status, Duration delay = 10ms) {
    sip::ClientTransaction tx(false, policy.retries, policy.t1, policy.t2);
    const TimePoint start = clock.now();
    EXPECT_TRUE(tx.start(start).ok());
    while (!tx.finished()) {
      const TimePoint deadline = *tx.next_deadline();
      if (status && start + delay <= deadline) {
        clock.set(start + delay);
        EXPECT_TRUE(tx.on_response(*status, clock.now()).ok());
      } else {
        clock.set(deadline);
        EXPECT_TRUE(tx.on_timer(clock.now()).ok());
      }
    }
    auto outcome = outcome_of(tx);
    EXPECT_TRUE(outcome.ok());
    auto t = session.on_attempt_result(clock.now(), *outcome);
    EXPECT_TRUE(t.ok()) << t.error().message;
    return t.ok() ? *t : Transition{};
  }

  // Waits until the next attempt is due and begins it.
  void wait_and_begin() {
    ASSERT_TRUE(session.next_attempt().has_value());
    clock.set(*session.next_attempt());
    ASSERT_TRUE(session.begin_attempt(clock.now()).ok());
  }
};

TEST(TargetSession, StartsUpAndBeginsTheFirstAttemptAtOnce) {
  Harness h;
  EXPECT_EQ(h.session.state(), TargetState::up);
  ASSERT_TRUE(h.session.start(h.clock.now()).ok());
  EXPECT_TRUE(h.session.attempt_running());
  EXPECT_EQ(h.session.attempts(), 1u);
  EXPECT_EQ(h.session.attempt_started_at(), h.t0);
}

TEST(TargetSession, FullTimelineDownAtFormulaTimeThenTriggerSuccessesBringItUp) {
  Harness h;  // defaults: active 120 s, down 30 s, trigger 3, retries 6
  ASSERT_TRUE(h.session.start(h.clock.now()).ok());

  // The server never answers: down when the attempt ends, at 19.5 s.
  Transition t = h.attempt(std::nullopt);
  EXPECT_EQ(h.elapsed(), 19500ms);
  EXPECT_EQ(t.change, Change::went_down);
  EXPECT_EQ(t.reason, FailureReason::timeout);
  EXPECT_EQ(t.next_attempt, h.t0 + 19500ms + 30s);  // down interval from the end of the attempt
  EXPECT_EQ(h.session.state(), TargetState::down);

  // Server back: two successes keep it down, probing at the down interval.
  h.wait_and_begin();
  t = h.attempt(200);
  EXPECT_EQ(t.change, Change::unchanged);
  EXPECT_EQ(h.session.consecutive_successes(), 1);
  EXPECT_EQ(t.next_attempt, h.t0 + 49510ms + 30s);
  h.wait_and_begin();
  t = h.attempt(200);
  EXPECT_EQ(t.change, Change::unchanged);
  EXPECT_EQ(h.session.state(), TargetState::down);
  EXPECT_EQ(t.next_attempt, h.t0 + 79520ms + 30s);

  // The third consecutive success brings it up; next probe at the active interval.
  h.wait_and_begin();
  t = h.attempt(200);
  EXPECT_EQ(t.change, Change::went_up);
  EXPECT_FALSE(t.reason.has_value());
  EXPECT_EQ(h.elapsed(), 109530ms);
  EXPECT_EQ(t.next_attempt, h.t0 + 109530ms + 120s);
  EXPECT_EQ(h.session.state(), TargetState::up);

  EXPECT_EQ(h.session.attempts(), 4u);
  EXPECT_EQ(h.session.failures(), 1u);
  EXPECT_EQ(h.session.last_status(), 200);
  EXPECT_EQ(h.session.last_rtt(), 10ms);
  EXPECT_EQ(h.session.last_failure(), FailureReason::timeout);
}

TEST(TargetSession, UpTargetProbesAtTheActiveIntervalFromTheEndOfTheAttempt) {
  Harness h;
  ASSERT_TRUE(h.session.start(h.clock.now()).ok());
  Transition t = h.attempt(404, 250ms);  // any final answer but 503/505 is alive
  EXPECT_EQ(t.change, Change::unchanged);
  EXPECT_EQ(t.next_attempt, h.t0 + 250ms + 120s);
  EXPECT_EQ(h.session.last_status(), 404);
}

TEST(TargetSession, FailureWhileDownResetsTheSuccessCount) {
  Harness h;
  ASSERT_TRUE(h.session.start(h.clock.now()).ok());
  ASSERT_EQ(h.attempt(std::nullopt).change, Change::went_down);
  h.wait_and_begin();
  h.attempt(200);
  h.wait_and_begin();
  h.attempt(200);
  ASSERT_EQ(h.session.consecutive_successes(), 2);
  h.wait_and_begin();
  Transition t = h.attempt(503);
  EXPECT_EQ(t.change, Change::unchanged);  // already down: no second down event
  EXPECT_EQ(h.session.consecutive_successes(), 0);
  EXPECT_EQ(t.next_attempt, h.clock.now() + 30s);
  // Three fresh successes are needed again.
  for (int i = 1; i <= 3; ++i) {
    h.wait_and_begin();
    t = h.attempt(200);
    EXPECT_EQ(t.change, i < 3 ? Change::unchanged : Change::went_up) << i;
  }
}

TEST(TargetSession, Status503MakesAnUpTargetDown) {
  Harness h;
  ASSERT_TRUE(h.session.start(h.clock.now()).ok());
  Transition t = h.attempt(503, 40ms);
  EXPECT_EQ(t.change, Change::went_down);
  EXPECT_EQ(t.reason, FailureReason::status_503);
  EXPECT_EQ(t.next_attempt, h.t0 + 40ms + 30s);
  EXPECT_EQ(h.session.last_status(), 503);
  EXPECT_EQ(h.session.failures(), 1u);
}

TEST(TargetSession, Status505AndTransportFailuresAreDownWithTheirReason) {
  for (auto reason : {FailureReason::status_505, FailureReason::refused, FailureReason::reset,
                      FailureReason::tls, FailureReason::dns}) {
    TargetSession s;
    const TimePoint now = TimePoint{} + 1h;
    ASSERT_TRUE(s.start(now).ok());
    auto t = s.on_attempt_result(now + 1ms, AttemptOutcome::failed(reason));
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->change, Change::went_down);
    EXPECT_EQ(t->reason, reason);
  }
}

TEST(TargetSession, TriggerOfOneComesUpOnTheFirstSuccess) {
  TargetPolicy p;
  p.trigger = 1;
  p.down_interval = 5s;
  p.retries = 1;
  Harness h(p);
  ASSERT_TRUE(h.session.start(h.clock.now()).ok());
  Transition t = h.attempt(std::nullopt);
  EXPECT_EQ(h.elapsed(), 1500ms);
  EXPECT_EQ(t.next_attempt, h.t0 + 1500ms + 5s);
  h.wait_and_begin();
  EXPECT_EQ(h.attempt(200).change, Change::went_up);
}

TEST(TargetSession, ImpossibleEventsAreErrorsNamingEventAndState) {
  TargetSession s;
  const TimePoint now = TimePoint{} + 1h;
  auto r = s.on_attempt_result(now, AttemptOutcome::succeeded(200));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "impossible-event");
  EXPECT_NE(r.error().message.find("attempt-success"), std::string::npos);
  EXPECT_NE(r.error().message.find("idle"), std::string::npos);
  EXPECT_FALSE(s.begin_attempt(now).ok());

  ASSERT_TRUE(s.start(now).ok());
  auto twice = s.start(now);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().message.find("up-probing"), std::string::npos);
  EXPECT_FALSE(s.begin_attempt(now).ok());  // one attempt at a time

  ASSERT_TRUE(s.on_attempt_result(now, AttemptOutcome::succeeded(200)).ok());
  auto no_attempt = s.on_attempt_result(now, AttemptOutcome::failed(FailureReason::timeout));
  ASSERT_FALSE(no_attempt.ok());
  EXPECT_NE(no_attempt.error().message.find("up-waiting"), std::string::npos);
  EXPECT_EQ(s.state(), TargetState::up);  // unchanged by the rejected event
  EXPECT_EQ(s.failures(), 0u);
}

}  // namespace
}  // namespace gw::keepalive
