// keepalive/settings.hpp says what reference/ios-keepalive.md says, and TargetPolicy starts
// from it.
#include "keepalive/settings.hpp"

#include <gtest/gtest.h>

#include "keepalive/policy.hpp"

namespace gw::keepalive {
namespace {

void expect(NumberSetting s, int default_value, int min, int max) {
  EXPECT_EQ(s.default_value, default_value);
  EXPECT_EQ(s.min, min);
  EXPECT_EQ(s.max, max);
  EXPECT_LE(s.min, s.default_value);
  EXPECT_LE(s.default_value, s.max);
}

TEST(KeepaliveSettings, SipUaCommandsAsTheReferenceDocumentsThem) {
  expect(sip_ua::kKeepaliveTrigger, 3, 1, 10);
  expect(sip_ua::kTimersKeepaliveActive, 120, 10, 600);
  expect(sip_ua::kTimersKeepaliveDown, 30, 1, 120);
  expect(sip_ua::kRetryKeepalive, 6, 1, 10);
  EXPECT_EQ(sip_ua::kKeepaliveTargetTransport, Transport::udp);
}

TEST(KeepaliveSettings, OptionsKeepaliveProfileCommandsAsTheReferenceDocumentsThem) {
  expect(options_keepalive::kUpInterval, 60, 5, 1200);
  expect(options_keepalive::kDownInterval, 30, 5, 1200);
  expect(options_keepalive::kRetry, 5, 1, 10);
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
