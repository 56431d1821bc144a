// sccp/settings.hpp says what reference/ios-keepalive.md says, and GroupPolicy, SessionConfig
// and CcmConfig start from it.
#include "sccp/settings.hpp"

#include <gtest/gtest.h>

#include "expect_setting.hpp"
#include "sccp/ccm_session.hpp"
#include "sccp/group_policy.hpp"

namespace gw::sccp {
namespace {

using gw::test::expect_setting;

TEST(SccpSettings, CcmLineAsTheReferenceDocumentsIt) {
  EXPECT_EQ(ccm::kIdentifier.min, 1);
  EXPECT_EQ(ccm::kIdentifier.max, 65535);
  EXPECT_EQ(ccm::kPriority.min, 1);
  EXPECT_EQ(ccm::kPriority.max, 4);
  expect_setting(ccm::kPort, 2000, 1025, 65535);
}

TEST(SccpSettings, CcmGroupCommandsAsTheReferenceDocumentsThem) {
  EXPECT_EQ(ccm_group::kGroupNumber.min, 1);
  EXPECT_EQ(ccm_group::kGroupNumber.max, 50);
  expect_setting(ccm_group::kKeepaliveRetries, 3, 1, 32);
  expect_setting(ccm_group::kKeepaliveTimeout, 30, 1, 180);
  expect_setting(ccm_group::kConnectRetries, 3, 1, 32);
  expect_setting(ccm_group::kConnectInterval, 60, 1, 3600);
  expect_setting(ccm_group::kRegistrationRetries, 3, 1, 32);
  expect_setting(ccm_group::kRegistrationTimeout, 3, 1, 180);
  EXPECT_EQ(ccm_group::kSwitchoverMethod, SwitchoverMethod::graceful);
  EXPECT_EQ(ccm_group::kSwitchbackMethod, SwitchbackMethod::guard);
  expect_setting(ccm_group::kSwitchbackGuard, 7200, 60, 172800);
  expect_setting(ccm_group::kSwitchbackInterval, 60, 1, 3600);
}

TEST(SccpSettings, DefaultPolicySessionAndCcmHoldTheSettingsDefaults) {
  const GroupPolicy p;
  EXPECT_EQ(p.keepalive_retries, 3u);
  EXPECT_EQ(p.keepalive_timeout, seconds(30));
  EXPECT_EQ(p.connect_retries, 3u);
  EXPECT_EQ(p.connect_interval, seconds(60));
  EXPECT_EQ(p.registration_retries, 3u);
  EXPECT_EQ(p.registration_timeout, seconds(3));
  EXPECT_EQ(p.switchover, SwitchoverMethod::graceful);
  EXPECT_EQ(p.switchback, SwitchbackMethod::guard);
  EXPECT_EQ(p.switchback_guard, seconds(7200));
  EXPECT_EQ(p.switchback_interval, seconds(60));
  const SessionConfig s;
  EXPECT_EQ(s.keepalive_timeout, p.keepalive_timeout);
  EXPECT_EQ(s.keepalive_retries, p.keepalive_retries);
  EXPECT_EQ(s.registration_timeout, p.registration_timeout);
  EXPECT_EQ(s.registration_retries, p.registration_retries);
  EXPECT_EQ(CcmConfig{}.port, 2000);
}

}  // namespace
}  // namespace gw::sccp
