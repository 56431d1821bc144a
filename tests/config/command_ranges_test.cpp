// Every numeric command of sip-ua, voice class sip-options-keepalive and sccp ccm group accepts
// exactly its setting's range (keepalive/settings.hpp, sccp/settings.hpp), and its `no` and
// `default` forms restore the setting's default.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "config/editor.hpp"
#include "load_helpers.hpp"

namespace gw::config {
namespace {

using test::load_error;
using test::load_ok;

struct Case {
  std::string name;
  std::string mode;                     // the lines that enter the command's mode
  std::function<std::string(int)> set;  // the command with value v
  std::string reset;                    // "no" / "default" form, without the keyword
  int min, max, default_value;
  std::function<int(const Config&)> read;
};

template <class S>
Case number(std::string mode, std::string words, const S& s,
            std::function<int(const Config&)> read) {
  return Case{words,
              mode,
              [words](int v) { return " " + words + " " + std::to_string(v) + "\n"; },
              words,
              s.min,
              s.max,
              s.default_value,
              std::move(read)};
}

std::vector<Case> cases() {
  namespace ua = keepalive::sip_ua;
  namespace opts = keepalive::options_keepalive;
  namespace group = sccp::ccm_group;
  const std::string sip_ua = "sip-ua\n";
  const std::string profile = "voice class sip-options-keepalive 1\n";
  const std::string ccm_group = "sccp ccm group 1\n";
  auto g = [](const Config& c) -> const CcmGroup& { return c.ccm_groups.at(1); };
  auto p = [](const Config& c) -> const OptionsKeepaliveProfile& {
    return c.keepalive_profiles.at(1);
  };
  return {
      number(sip_ua, "keepalive trigger", ua::kKeepaliveTrigger,
             [](const Config& c) { return c.sip_ua.keepalive_trigger; }),
      number(sip_ua, "retry keepalive", ua::kRetryKeepalive,
             [](const Config& c) { return c.sip_ua.retry_keepalive; }),
      Case{"timers keepalive active", sip_ua,
           [](int v) { return " timers keepalive active " + std::to_string(v) + " down 30\n"; },
           "timers keepalive", ua::kTimersKeepaliveActive.min, ua::kTimersKeepaliveActive.max,
           ua::kTimersKeepaliveActive.default_value,
           [](const Config& c) { return c.sip_ua.timers_active; }},
      Case{"timers keepalive down", sip_ua,
           [](int v) { return " timers keepalive active 120 down " + std::to_string(v) + "\n"; },
           "timers keepalive", ua::kTimersKeepaliveDown.min, ua::kTimersKeepaliveDown.max,
           ua::kTimersKeepaliveDown.default_value,
           [](const Config& c) { return c.sip_ua.timers_down; }},
      number(profile, "up-interval", opts::kUpInterval,
             [p](const Config& c) { return p(c).up_interval; }),
      number(profile, "down-interval", opts::kDownInterval,
             [p](const Config& c) { return p(c).down_interval; }),
      number(profile, "retry", opts::kRetry, [p](const Config& c) { return p(c).retry; }),
      number(ccm_group, "keepalive retries", group::kKeepaliveRetries,
             [g](const Config& c) { return g(c).keepalive_retries; }),
      number(ccm_group, "keepalive timeout", group::kKeepaliveTimeout,
             [g](const Config& c) { return g(c).keepalive_timeout; }),
      number(ccm_group, "connect retries", group::kConnectRetries,
             [g](const Config& c) { return g(c).connect_retries; }),
      number(ccm_group, "connect interval", group::kConnectInterval,
             [g](const Config& c) { return g(c).connect_interval; }),
      number(ccm_group, "registration retries", group::kRegistrationRetries,
             [g](const Config& c) { return g(c).registration_retries; }),
      number(ccm_group, "registration timeout", group::kRegistrationTimeout,
             [g](const Config& c) { return g(c).registration_timeout; }),
      number(ccm_group, "switchback interval", group::kSwitchbackInterval,
             [g](const Config& c) { return g(c).switchback_interval; }),
      Case{"switchback method guard", ccm_group,
           [](int v) { return " switchback method guard " + std::to_string(v) + "\n"; },
           "switchback method", group::kSwitchbackGuard.min, group::kSwitchbackGuard.max,
           group::kSwitchbackGuard.default_value,
           [g](const Config& c) { return g(c).switchback_guard; }},
  };
}

TEST(CommandRanges, BothEndsOfEachSettingAreAcceptedAndOneBeyondIsRejected) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.read(load_ok(c.mode + c.set(c.min))), c.min);
    EXPECT_EQ(c.read(load_ok(c.mode + c.set(c.max))), c.max);
    EXPECT_EQ(load_error(c.mode + c.set(c.min - 1)).message,
              "% Invalid input detected at '^' marker.");
    EXPECT_EQ(load_error(c.mode + c.set(c.max + 1)).message,
              "% Invalid input detected at '^' marker.");
  }
}

TEST(CommandRanges, NoAndDefaultFormsRestoreTheSettingsDefault) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    const int other = c.default_value == c.max ? c.min : c.max;
    EXPECT_EQ(c.read(load_ok(c.mode + c.set(other))), other);
    EXPECT_EQ(c.read(load_ok(c.mode + c.set(other) + " no " + c.reset + "\n")), c.default_value);
    EXPECT_EQ(c.read(load_ok(c.mode + c.set(other) + " default " + c.reset + "\n")),
              c.default_value);
  }
}

TEST(CommandRanges, RangeTokenIsTheGrammarsText) {
  EXPECT_EQ(range_token(keepalive::sip_ua::kTimersKeepaliveActive), "<10-600>");
  EXPECT_EQ(range_token(sccp::ccm_group::kSwitchbackGuard), "<60-172800>");
  EXPECT_EQ(range_token(sccp::ccm::kIdentifier), "<1-65535>");
}

}  // namespace
}  // namespace gw::config
