#include "live/show_baseline.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

DaemonSnapshot snap(std::uint64_t sent, std::uint64_t attempts, std::uint64_t failures) {
  DaemonSnapshot s;
  s.sip.emplace();
  s.sip->counters.sent = sent;
  s.sip->counters.responses = sent;
  SipTargetSnapshot t;
  t.role = "primary";
  t.attempts = attempts;
  t.failures = failures;
  s.sip->targets.push_back(t);
  return s;
}

TEST(ShowBaselineTest, ClearSipUaStatisticsShowsCountsSinceTheClear) {
  ShowBaseline b;
  b.clear_sip_ua(snap(100, 50, 5));
  DaemonSnapshot later = snap(130, 60, 6);
  b.apply(later);
  EXPECT_EQ(later.sip->counters.sent, 30u);
  EXPECT_EQ(later.sip->counters.responses, 30u);
  EXPECT_EQ(later.sip->targets[0].attempts, 10u);
  EXPECT_EQ(later.sip->targets[0].failures, 1u);
}

TEST(ShowBaselineTest, NoClearChangesNothingAndARestartedTargetIsShownAsIs) {
  ShowBaseline b;
  DaemonSnapshot s = snap(10, 5, 1);
  b.apply(s);
  EXPECT_EQ(s.sip->counters.sent, 10u);
  b.clear_sip_ua(snap(100, 50, 5));
  DaemonSnapshot restarted = snap(120, 3, 0);  // the target was restarted: below its baseline
  b.apply(restarted);
  EXPECT_EQ(restarted.sip->targets[0].attempts, 3u);
  EXPECT_EQ(restarted.sip->counters.sent, 20u);
}

}  // namespace
}  // namespace gw::daemon
