// keepalive/settings.hpp says what reference/ios-keepalive.md says, and TargetPolicy starts
// from it.
#include "keepalive/settings.hpp"

#include <gtest/gtest.h>

#include "expect_setting.hpp"
#include "keepalive/policy.hpp"

namespace gw::keepalive {
namespace {

using gw::test::expect_setting;

TEST(KeepaliveSettings, SipUaCommandsAsTheReferenceDocumentsThem) {
  expect_setting(sip_ua::kKeepaliveTrigger, 3, 1, 10);
  expect_setting(sip_ua::kTimersKeepaliveActive, 120, 10, 600);
  expect_setting(sip_ua::kTimersKeepaliveDown, 30, 1, 120);
  expect_setting(sip_ua::kRetryKeepalive, 6, 1, 10);
  EXPECT_EQ(sip_ua::kKeepaliveTargetTransport, Transport::udp);
}

TEST(KeepaliveSettings, OptionsKeepaliveProfileCommandsAsTheReferenceDocumentsThem) {
  expect_setting(options_keepalive::kUpInterval, 60, 5, 1200);
  expect_setting(options_keepalive::kDownInterval, 30, 5, 1200);
  expect_setting(options_keepalive::kRetry, 5, 1, 10);
  EXPECT_EQ(options_keepalive::kTransport, Transport::udp);
}

TEST(KeepaliveSettings, ADefaultTargetPolicyHoldsTheSipUaDefaults) {
  const TargetPolicy p;
  EXPECT_EQ(p.active_interval, std::chrono::seconds(120));
  EXPECT_EQ(p.down_interval, std::chrono::seconds(30));
  EXPECT_EQ(p.trigger, 3);
  EXPECT_EQ(p.retries, 6);
  EXPECT_EQ(p.t1, std::chrono::milliseconds(500));
  EXPECT_EQ(p.t2, std::chrono::seconds(4));
}

}  // namespace
}  // namespace gw::keepalive
