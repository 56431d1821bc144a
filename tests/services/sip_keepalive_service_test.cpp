// SipKeepaliveService with fake probers: scripted outcomes, real Asio timers at a tiny
// --time-scale (active 10 s -> 10 ms).
#include "services/sip_ua/sip_keepalive_service.hpp"

#include <gtest/gtest.h>

#include <asio/post.hpp>
#include <deque>
#include <map>

#include "config/config_diff.hpp"
#include "config/loader.hpp"
#include "render/show.hpp"
#include "service_fakes.hpp"

namespace gw::daemon {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;

using test::RecordingSink;  // lines: "name k=v k=v"

using test::FakeProber;
using test::Script;

constexpr const char* kConfig =
    "voice-port 0/0/1\n busyout monitor keepalive\n!\nvoice-port 0/0/2\n!\n"
    "sip-ua\n keepalive target ipv4:127.0.0.1:5060\n keepalive target ipv4:127.0.0.1:5070 "
    "secondary\n"
    " timers keepalive active 10 down 5\n keepalive trigger 2\n";

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = config::load_config_text(kConfig);
    ASSERT_TRUE(loaded.ok());
    service_ = std::make_unique<SipKeepaliveService>(
        io_, loaded.config, 0.001,
        [this](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
          Script& s = t.server.port == 5060 ? primary_ : secondary_;
          return std::make_unique<FakeProber>(io_, s,
                                              "127.0.0.1:" + std::to_string(*t.server.port));
        },
        [] { return sip::SipWireCounters{3, 1, 2, 0, 0, 0}; }, sink_, logger_);
  }
  // Runs until `pred` or 2 s.
  bool run_until(const std::function<bool()>& pred) {
    const auto end = SteadyClock::now() + std::chrono::seconds(2);
    while (!pred() && SteadyClock::now() < end) {
      io_.run_for(std::chrono::milliseconds(1));
      io_.restart();
    }
    return pred();
  }
  std::size_t count(const std::string& prefix) const {
    std::size_t n = 0;
    for (const auto& l : sink_.lines) n += l.rfind(prefix, 0) == 0;
    return n;
  }

  asio::io_context io_;
  RecordingSink sink_;
  Logger logger_{stderr, false};
  Script primary_, secondary_;
  std::unique_ptr<SipKeepaliveService> service_;
};

TEST_F(ServiceTest, FirstAttemptOfEveryTargetAtStartUp) {
  ASSERT_TRUE(service_->start().ok());
  EXPECT_EQ(primary_.attempts, 1);
  EXPECT_EQ(secondary_.attempts, 1);
}

TEST_F(ServiceTest, SecondaryDownAloneIsNoBusyout) {
  secondary_.outcomes = {AttemptOutcome::failed(FailureReason::timeout)};
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return !sink_.lines.empty(); }));
  EXPECT_EQ(sink_.lines.front(),
            "sip.target.down target=secondary address=127.0.0.1:5070 transport=udp reason=timeout");
  ASSERT_TRUE(run_until([&] { return primary_.attempts >= 3; }));
  EXPECT_EQ(count("voice-port."), 0u);
}

TEST_F(ServiceTest, TotalFailureBusiesOutMonitoredPortsOnlyThenUpAfterTriggerUnbusies) {
  primary_.outcomes = {AttemptOutcome::failed(FailureReason::status_503, 503)};
  secondary_.outcomes = {AttemptOutcome::failed(FailureReason::refused),
                         AttemptOutcome::failed(FailureReason::refused)};
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return count("voice-port.unbusy") == 1; }));
  // primary: fail, ok, ok -> up after trigger 2 at its third attempt.
  std::vector<std::string> want = {
      "sip.target.down target=primary address=127.0.0.1:5060 transport=udp reason=503",
      "sip.target.down target=secondary address=127.0.0.1:5070 transport=udp reason=refused",
      "voice-port.busyout port=0/0/1",
      "sip.target.up target=primary address=127.0.0.1:5060 transport=udp",
      "voice-port.unbusy port=0/0/1",
  };
  ASSERT_GE(sink_.lines.size(), want.size());
  EXPECT_EQ(std::vector<std::string>(sink_.lines.begin(), sink_.lines.begin() + 5), want);
  EXPECT_EQ(primary_.attempts, 3);
}

TEST_F(ServiceTest, FailureWhileDownResetsTheTriggerCount) {
  primary_.outcomes = {AttemptOutcome::failed(FailureReason::timeout),
                       AttemptOutcome::succeeded(200),
                       AttemptOutcome::failed(FailureReason::timeout),
                       AttemptOutcome::succeeded(200), AttemptOutcome::succeeded(200)};
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return count("sip.target.up target=primary") == 1; }));
  EXPECT_EQ(primary_.attempts, 5);
  EXPECT_EQ(count("sip.target.down target=primary"), 1u);
}

TEST_F(ServiceTest, NothingHappensAfterStop) {
  secondary_.outcomes = {AttemptOutcome::failed(FailureReason::timeout)};
  ASSERT_TRUE(service_->start().ok());
  service_->stop();
  io_.run_for(std::chrono::milliseconds(50));
  EXPECT_TRUE(sink_.lines.empty());
  EXPECT_EQ(primary_.attempts, 1);
}

TEST_F(ServiceTest, SnapshotFeedsTheShowCommands) {
  secondary_.outcomes.assign(1000, AttemptOutcome::failed(FailureReason::timeout));  // stays down
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return !sink_.lines.empty() && primary_.attempts >= 2; }));
  DaemonSnapshot snap;
  service_->snapshot(snap);
  ASSERT_TRUE(snap.sip.has_value());
  ASSERT_EQ(snap.sip->targets.size(), 2u);
  EXPECT_EQ(snap.sip->targets[0].role, "primary");
  EXPECT_EQ(snap.sip->targets[0].configured, "ipv4:127.0.0.1:5060");
  EXPECT_EQ(snap.sip->targets[0].last_status, 200);
  EXPECT_EQ(snap.sip->targets[1].state, keepalive::TargetState::down);
  EXPECT_EQ(snap.sip->trigger, 2);
  EXPECT_EQ(snap.sip->counters.sent, 3u);
  ASSERT_EQ(snap.voice_ports.size(), 2u);
  EXPECT_FALSE(snap.voice_ports[0].busy);
  EXPECT_TRUE(snap.voice_ports[0].monitor_keepalive);
  EXPECT_NE(render_show_sip_ua_keepalive(snap).find("secondary  127.0.0.1:5070"),
            std::string::npos);
}

TEST_F(ServiceTest, ReconfigureWhileEveryTargetIsDownBusiesOutANewlyMonitoredPortOnly) {
  for (int i = 0; i < 100; ++i) {
    primary_.outcomes.push_back(AttemptOutcome::failed(FailureReason::timeout));
    secondary_.outcomes.push_back(AttemptOutcome::failed(FailureReason::timeout));
  }
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return count("voice-port.busyout") == 1; }));
  const int primary_attempts = primary_.attempts;
  auto before = config::load_config_text(kConfig).config;
  // 0/0/2 starts monitoring keepalive; the targets are untouched.
  std::string text = kConfig;
  text.replace(text.find("voice-port 0/0/2\n!"), 18,
               "voice-port 0/0/2\n busyout monitor keepalive\n!");
  auto next = config::load_config_text(text);
  ASSERT_TRUE(next.ok());
  const ConfigDiff diff = diff_config(before, next.config);
  ASSERT_EQ(diff.voice_ports.size(), 1u);
  service_->reconfigure(next.config, diff);
  EXPECT_EQ(sink_.lines.back(), "voice-port.busyout port=0/0/2");
  EXPECT_EQ(count("voice-port.busyout"), 2u);
  EXPECT_EQ(primary_.attempts, primary_attempts);  // no restart, no extra attempt
  DaemonSnapshot s;
  service_->snapshot(s);
  ASSERT_EQ(s.voice_ports.size(), 2u);
  EXPECT_TRUE(s.voice_ports[1].busy);
  EXPECT_EQ(s.sip->targets[0].state, keepalive::TargetState::down);
}

TEST(SipPolicy, EveryProtocolTimerIsScaled) {
  config::SipUa ua;
  ua.timers_active = 10;
  ua.timers_down = 5;
  const auto p = sip_policy(ua, 0.01);
  EXPECT_EQ(p.active_interval, std::chrono::milliseconds(100));
  EXPECT_EQ(p.down_interval, std::chrono::milliseconds(50));
  EXPECT_EQ(p.t1, std::chrono::milliseconds(5));
  EXPECT_EQ(p.t2, std::chrono::milliseconds(40));
}

}  // namespace
}  // namespace gw::daemon
