#include "keepalive/outcome.hpp"

#include <gtest/gtest.h>

namespace gw::keepalive {
namespace {

using namespace std::chrono_literals;
const TimePoint kT0 = TimePoint{} + 1h;

TEST(FailureReason, StringsAreTheExactEventReasons) {
  EXPECT_EQ(to_string(FailureReason::timeout), "timeout");
  EXPECT_EQ(to_string(FailureReason::status_503), "503");
  EXPECT_EQ(to_string(FailureReason::status_505), "505");
  EXPECT_EQ(to_string(FailureReason::refused), "refused");
  EXPECT_EQ(to_string(FailureReason::reset), "reset");
  EXPECT_EQ(to_string(FailureReason::tls), "tls");
  EXPECT_EQ(to_string(FailureReason::dns), "dns");
}

TEST(Classify, AnyFinalResponseExcept503And505IsSuccess) {
  for (int status : {200, 202, 302, 400, 404, 405, 480, 486, 500, 502, 504, 600, 699}) {
    EXPECT_TRUE(classify(status).success) << status;
  }
  const auto s503 = classify(503, 12ms);
  EXPECT_FALSE(s503.success);
  EXPECT_EQ(s503.reason, FailureReason::status_503);
  EXPECT_EQ(s503.status, 503);
  EXPECT_EQ(s503.rtt, 12ms);
  EXPECT_EQ(classify(505).reason, FailureReason::status_505);
}

TEST(OutcomeOf, CompletedTransactionIsClassifiedByStatus) {
  sip::ClientTransaction tx(false, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  ASSERT_TRUE(tx.on_response(503, kT0 + 5ms).ok());
  auto o = outcome_of(tx);
  ASSERT_TRUE(o.ok());
  EXPECT_FALSE(o->success);
  EXPECT_EQ(o->reason, FailureReason::status_503);
  EXPECT_EQ(o->rtt, 5ms);
  EXPECT_EQ(o->ended, kT0 + 5ms);  // the answer's time, which the next attempt is timed from
}

TEST(OutcomeOf, EndOfIsWhenItEndedNeverLaterThanNowAndNowWhenUnsaid) {
  sip::ClientTransaction tx(true, 1);
  ASSERT_TRUE(tx.start(kT0).ok());
  ASSERT_TRUE(tx.on_timer(kT0 + 1500ms).ok());
  const auto o = outcome_of(tx);
  EXPECT_EQ(o->ended, kT0 + 1500ms);
  EXPECT_EQ(end_of(*o, kT0 + 1502ms), kT0 + 1500ms);
  EXPECT_EQ(end_of(*o, kT0 + 1ms), kT0 + 1ms);  // a clock that is behind: never later than now
  EXPECT_EQ(end_of(AttemptOutcome::succeeded(200), kT0 + 7ms), kT0 + 7ms);
}

TEST(OutcomeOf, TimedOutTransactionIsTimeoutAndTransportErrorsMapOneToOne) {
  sip::ClientTransaction tx(true, 1);
  ASSERT_TRUE(tx.start(kT0).ok());
  ASSERT_TRUE(tx.on_timer(kT0 + 1500ms).ok());
  EXPECT_EQ(outcome_of(tx)->reason, FailureReason::timeout);

  sip::ClientTransaction tls(true, 1);
  ASSERT_TRUE(tls.start(kT0).ok());
  ASSERT_TRUE(tls.on_transport_error(sip::TransportError::tls, kT0).ok());
  EXPECT_EQ(outcome_of(tls)->reason, FailureReason::tls);
  EXPECT_EQ(from_transport_error(sip::TransportError::refused), FailureReason::refused);
  EXPECT_EQ(from_transport_error(sip::TransportError::reset), FailureReason::reset);
}

TEST(OutcomeOf, RunningTransactionHasNoOutcomeYet) {
  sip::ClientTransaction tx(false, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  auto o = outcome_of(tx);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().code, "attempt-not-finished");
}

}  // namespace
}  // namespace gw::keepalive
