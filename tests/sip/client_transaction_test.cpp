#include "sip/client_transaction.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gw::sip {
namespace {

using namespace std::chrono_literals;

// Runs the machine by firing its own deadlines; returns the offsets (ms from start) of every
// send, and the offset at which it failed.
struct Schedule {
  std::vector<long> sends_ms;
  long failed_ms = -1;
};

Schedule run_to_end(ClientTransaction& tx, TimePoint t0) {
  Schedule run;
  auto first = tx.start(t0);
  EXPECT_TRUE(first.ok());
  EXPECT_EQ(*first, TxAction::send);
  run.sends_ms.push_back(0);
  for (int guard = 0; guard < 100; ++guard) {
    auto d = tx.next_deadline();
    if (!d) break;
    const long at = std::chrono::duration_cast<std::chrono::milliseconds>(*d - t0).count();
    auto a = tx.on_timer(*d);
    EXPECT_TRUE(a.ok());
    if (*a == TxAction::retransmit) run.sends_ms.push_back(at);
    if (*a == TxAction::failed) run.failed_ms = at;
  }
  return run;
}

const TimePoint kT0 = TimePoint{} + 1h;

TEST(AttemptTimeout, FollowsTheTimerESumForOneToTenRetries) {
  const std::vector<Duration> expected = {1500ms,  3500ms,  7500ms,  11500ms, 15500ms,
                                          19500ms, 23500ms, 27500ms, 31500ms, 35500ms};
  for (int n = 1; n <= 10; ++n) {
    EXPECT_EQ(attempt_timeout(n, 500ms, 4s), expected[static_cast<std::size_t>(n - 1)]) << n;
  }
  EXPECT_EQ(attempt_timeout(0), 500ms);
}

TEST(ClientTransaction, UdpRetransmitsAtExactInstantsAndFailsAtNineteenAndAHalfSeconds) {
  ClientTransaction tx(/*reliable=*/false, 6);
  const Schedule run = run_to_end(tx, kT0);
  EXPECT_EQ(run.sends_ms, (std::vector<long>{0, 500, 1500, 3500, 7500, 11500, 15500}));
  EXPECT_EQ(run.failed_ms, 19500);
  EXPECT_EQ(tx.state(), TxState::failed);
  EXPECT_EQ(tx.retransmissions(), 6);
  ASSERT_TRUE(tx.failure().has_value());
  EXPECT_EQ(tx.failure()->kind, TxFailure::Kind::timeout);
}

TEST(ClientTransaction, OneRetryFailsAtOneAndAHalfSeconds) {
  ClientTransaction tx(false, 1);
  const Schedule run = run_to_end(tx, kT0);
  EXPECT_EQ(run.sends_ms, (std::vector<long>{0, 500}));
  EXPECT_EQ(run.failed_ms, 1500);
}

TEST(ClientTransaction, TcpSendsOnceAndFailsAtTheSameTotalTime) {
  ClientTransaction tx(/*reliable=*/true, 6);
  const Schedule run = run_to_end(tx, kT0);
  EXPECT_EQ(run.sends_ms, std::vector<long>{0});
  EXPECT_EQ(run.failed_ms, 19500);
  EXPECT_EQ(tx.retransmissions(), 0);
}

TEST(ClientTransaction, EarlyTimerDoesNothing) {
  ClientTransaction tx(false, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  EXPECT_EQ(*tx.on_timer(kT0 + 499ms), TxAction::none);
  EXPECT_EQ(tx.next_deadline(), kT0 + 500ms);
}

TEST(ClientTransaction, LateWakeUpKeepsThePlannedSchedule) {
  ClientTransaction tx(false, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  EXPECT_EQ(*tx.on_timer(kT0 + 800ms), TxAction::retransmit);
  EXPECT_EQ(tx.next_deadline(), kT0 + 1500ms);
  EXPECT_EQ(*tx.on_timer(kT0 + 30s), TxAction::failed);  // past the deadline: fail, not resend
}

TEST(ClientTransaction, ProvisionalThenFinalCompletesWithStatusAndRtt) {
  ClientTransaction tx(false, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  EXPECT_EQ(*tx.on_response(100, kT0 + 20ms), TxAction::none);
  EXPECT_EQ(tx.state(), TxState::proceeding);
  EXPECT_EQ(tx.last_provisional(), 100);
  EXPECT_EQ(*tx.on_response(200, kT0 + 40ms), TxAction::completed);
  EXPECT_EQ(tx.state(), TxState::completed);
  EXPECT_EQ(tx.status(), 200);
  EXPECT_EQ(tx.rtt(), 40ms);
  EXPECT_FALSE(tx.next_deadline().has_value());
}

TEST(ClientTransaction, ProvisionalDoesNotExtendTheDeadlineAndUdpRetransmitsAtT2) {
  ClientTransaction tx(false, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  EXPECT_EQ(*tx.on_response(180, kT0 + 100ms), TxAction::none);
  std::vector<long> sends;
  long failed = -1;
  while (auto d = tx.next_deadline()) {
    auto a = tx.on_timer(*d);
    const long ms = std::chrono::duration_cast<std::chrono::milliseconds>(*d - kT0).count();
    if (*a == TxAction::retransmit) sends.push_back(ms);
    if (*a == TxAction::failed) failed = ms;
  }
  EXPECT_EQ(sends, (std::vector<long>{500, 4500, 8500, 12500, 16500}));
  EXPECT_EQ(failed, 19500);
}

TEST(ClientTransaction, FinalErrorResponseIsExposedNotJudged) {
  ClientTransaction tx(true, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  EXPECT_EQ(*tx.on_response(503, kT0 + 1s), TxAction::completed);
  EXPECT_EQ(tx.status(), 503);
}

TEST(ClientTransaction, TransportErrorFailsAtOnce) {
  for (auto e : {TransportError::refused, TransportError::reset, TransportError::tls}) {
    ClientTransaction tx(true, 6);
    ASSERT_TRUE(tx.start(kT0).ok());
    EXPECT_EQ(*tx.on_transport_error(e, kT0 + 3ms), TxAction::failed);
    ASSERT_TRUE(tx.failure().has_value());
    EXPECT_EQ(tx.failure()->kind, TxFailure::Kind::transport);
    EXPECT_EQ(tx.failure()->transport, e);
    EXPECT_EQ(tx.finished_at(), kT0 + 3ms);
  }
}

TEST(ClientTransaction, LateEventsAfterCompletionAreAbsorbed) {
  ClientTransaction tx(false, 6);
  ASSERT_TRUE(tx.start(kT0).ok());
  ASSERT_EQ(*tx.on_response(200, kT0 + 1ms), TxAction::completed);
  EXPECT_EQ(*tx.on_response(200, kT0 + 2ms), TxAction::none);
  EXPECT_EQ(*tx.on_timer(kT0 + 20s), TxAction::none);
  EXPECT_EQ(*tx.on_transport_error(TransportError::reset, kT0 + 21s), TxAction::none);
  EXPECT_EQ(tx.status(), 200);
}

TEST(ClientTransaction, ImpossibleEventsAreErrorsNamingEventAndState) {
  ClientTransaction tx(false, 6);
  auto r = tx.on_response(200, kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "impossible-event");
  EXPECT_NE(r.error().message.find("final-response"), std::string::npos);
  EXPECT_NE(r.error().message.find("idle"), std::string::npos);
  EXPECT_FALSE(tx.on_timer(kT0).ok());
  ASSERT_TRUE(tx.start(kT0).ok());
  auto again = tx.start(kT0);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("trying"), std::string::npos);
  EXPECT_EQ(tx.state(), TxState::trying);
  EXPECT_FALSE(tx.on_response(42, kT0).ok());
}

}  // namespace
}  // namespace gw::sip
