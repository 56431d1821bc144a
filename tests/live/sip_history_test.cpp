// SipHistory: last change from the events, RTT samples from the snapshots.
#include "live/sip_history.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

const WallClock::time_point kT{std::chrono::seconds(1'800'000'000)};

SipKeepaliveSnapshot snap(std::uint64_t attempts, std::uint64_t failures, int rtt_us) {
  SipKeepaliveSnapshot s;
  SipTargetSnapshot t;
  t.role = "primary";
  t.attempts = attempts;
  t.failures = failures;
  t.last_rtt = std::chrono::microseconds(rtt_us);
  s.targets.push_back(t);
  return s;
}

TEST(SipHistory, LastChangeAndReasonFromEvents) {
  SipHistory h;
  EXPECT_EQ(h.find("primary"), nullptr);
  h.observe(Event{names::kSipTargetDown, {}}.with("target", "primary").with("reason", "503"), kT);
  ASSERT_NE(h.find("primary"), nullptr);
  EXPECT_EQ(h.find("primary")->last_change, kT);
  EXPECT_EQ(h.find("primary")->reason, "503");
  h.observe(Event{names::kSipTargetUp, {}}.with("target", "primary"), kT + std::chrono::seconds(5));
  EXPECT_EQ(h.find("primary")->reason, "");
  EXPECT_EQ(h.find("primary")->last_change, kT + std::chrono::seconds(5));
  h.observe(Event{names::kSipTargetUp, {}}.with("target", "tertiary"), kT);  // not a role
  EXPECT_EQ(h.targets().size(), 1u);
}

TEST(SipHistory, OneSampleWhenAttemptsGrewAGapForAFailure) {
  SipHistory h;
  h.sample(snap(0, 0, 0));  // no attempt yet
  ASSERT_NE(h.find("primary"), nullptr);
  EXPECT_TRUE(h.find("primary")->rtt_ms.empty());
  h.sample(snap(1, 0, 1500));
  h.sample(snap(1, 0, 1500));  // nothing new
  h.sample(snap(2, 1, 1500));  // failed
  h.sample(snap(4, 1, 2250));  // two answered: one sample
  const auto& r = h.find("primary")->rtt_ms;
  ASSERT_EQ(r.size(), 3u);
  EXPECT_DOUBLE_EQ(*r[0], 1.5);
  EXPECT_FALSE(r[1].has_value());
  EXPECT_DOUBLE_EQ(*r[2], 2.25);
}

TEST(SipHistory, AnAttemptStillRunningIsNotASample) {
  SipHistory h;
  auto s = snap(1, 0, 0);
  s.targets[0].probing = true;  // begun, no answer yet
  s.targets[0].last_rtt.reset();
  h.sample(s);
  EXPECT_TRUE(h.find("primary")->rtt_ms.empty());
  h.sample(snap(1, 0, 800));  // answered
  ASSERT_EQ(h.find("primary")->rtt_ms.size(), 1u);
  EXPECT_DOUBLE_EQ(*h.find("primary")->rtt_ms[0], 0.8);
}

TEST(SipHistory, BoundedAndRestartsWithTheCounts) {
  SipHistory h;
  for (std::uint64_t i = 1; i <= SipHistory::kSamples + 40; ++i) h.sample(snap(i, 0, 1000));
  EXPECT_EQ(h.find("primary")->rtt_ms.size(), SipHistory::kSamples);
  h.sample(snap(1, 0, 3000));  // restarted: counts went down
  ASSERT_EQ(h.find("primary")->rtt_ms.size(), 1u);
  EXPECT_DOUBLE_EQ(*h.find("primary")->rtt_ms[0], 3.0);
}

}  // namespace
}  // namespace gw::daemon
