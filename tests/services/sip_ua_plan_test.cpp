// plan_sip_ua / sip_policy: the sip-ua configuration mapped to targets and policy, no sockets.
#include "services/sip_ua/sip_ua_plan.hpp"

#include <gtest/gtest.h>

#include "config/loader.hpp"

namespace gw::daemon {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

config::SipUa load_ua(std::string_view text) {
  auto loaded = config::load_config_text(text);
  EXPECT_TRUE(loaded.ok()) << text;
  return loaded.config.sip_ua;
}

TEST(SipUaPlan, PrimaryComesFirstThenSecondaryEachWithItsRole) {
  const auto plan = plan_sip_ua(load_ua("sip-ua\n keepalive target ipv4:10.0.0.2 secondary\n"
                                        " keepalive target ipv4:10.0.0.1:5070 tcp\n"),
                                1.0);
  ASSERT_EQ(plan.targets.size(), 2u);
  EXPECT_EQ(plan.targets[0].role, kSipPrimary);
  EXPECT_EQ(plan.targets[0].target.server.host, "10.0.0.1");
  EXPECT_EQ(plan.targets[0].target.port(), 5070);
  EXPECT_EQ(plan.targets[0].target.transport, Transport::tcp);
  EXPECT_EQ(plan.targets[1].role, kSipSecondary);
  EXPECT_EQ(plan.targets[1].target.server.host, "10.0.0.2");
  EXPECT_EQ(plan.targets[1].target.transport, Transport::udp);
}

TEST(SipUaPlan, ARoleThatIsNotConfiguredIsAbsent) {
  const auto plan =
      plan_sip_ua(load_ua("sip-ua\n keepalive target ipv4:10.0.0.2 secondary\n"), 1.0);
  ASSERT_EQ(plan.targets.size(), 1u);
  EXPECT_EQ(plan.targets[0].role, kSipSecondary);
  EXPECT_FALSE(target_of(plan, kSipPrimary));
  ASSERT_TRUE(target_of(plan, kSipSecondary));
  EXPECT_EQ(target_of(plan, kSipSecondary)->server.host, "10.0.0.2");
}

TEST(SipUaPlan, NoTargetConfiguredPlansNoTarget) {
  EXPECT_TRUE(plan_sip_ua(config::SipUa{}, 1.0).targets.empty());
}

TEST(SipUaPlan, PolicyTakesTriggerRetryAndTimersFromTheCommands) {
  const auto plan = plan_sip_ua(load_ua("sip-ua\n keepalive trigger 7\n retry keepalive 2\n"
                                        " timers keepalive active 60 down 10\n"),
                                1.0);
  EXPECT_EQ(plan.policy.trigger, 7);
  EXPECT_EQ(plan.policy.retries, 2);
  EXPECT_EQ(plan.policy.active_interval, seconds(60));
  EXPECT_EQ(plan.policy.down_interval, seconds(10));
  EXPECT_EQ(plan.policy.t1, milliseconds(500));
  EXPECT_EQ(plan.policy.t2, seconds(4));
}

TEST(SipUaPlan, AnEmptySipUaPlansTheIosDefaults) {
  const auto p = plan_sip_ua(config::SipUa{}, 1.0).policy;
  EXPECT_EQ(p.active_interval, seconds(120));
  EXPECT_EQ(p.down_interval, seconds(30));
  EXPECT_EQ(p.trigger, 3);
  EXPECT_EQ(p.retries, 6);
  // The same numbers as a default TargetPolicy: both come from keepalive/settings.hpp.
  const keepalive::TargetPolicy d;
  EXPECT_EQ(p.active_interval, d.active_interval);
  EXPECT_EQ(p.down_interval, d.down_interval);
  EXPECT_EQ(p.trigger, d.trigger);
  EXPECT_EQ(p.retries, d.retries);
}

TEST(SipUaPlan, TimeScaleMultipliesEveryDurationButNoCount) {
  const auto p =
      plan_sip_ua(load_ua("sip-ua\n keepalive trigger 2\n retry keepalive 4\n"), 0.01).policy;
  EXPECT_EQ(p.active_interval, milliseconds(1200));
  EXPECT_EQ(p.down_interval, milliseconds(300));
  EXPECT_EQ(p.t1, milliseconds(5));
  EXPECT_EQ(p.t2, milliseconds(40));
  EXPECT_EQ(p.trigger, 2);
  EXPECT_EQ(p.retries, 4);
}

}  // namespace
}  // namespace gw::daemon
