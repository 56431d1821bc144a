// DialPeerKeepaliveService and plan_dial_peers with fake probers: scripted outcomes, real Asio
// timers at a tiny --time-scale (up-interval 10 s -> 10 ms).
#include <gtest/gtest.h>

#include <asio/post.hpp>
#include <deque>
#include <functional>
#include <map>

#include "config/loader.hpp"
#include "daemon/dial_peer_keepalive_service.hpp"
#include "daemon/show_dial_peer.hpp"

namespace gw::daemon {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;

struct RecordingSink : EventSink {
  std::vector<std::string> lines;  // "name k=v k=v"
  void emit(const Event& e) override {
    std::string s = e.name;
    for (const auto& [k, v] : e.fields) {
      if (const auto* str = std::get_if<std::string>(&v)) s += " " + k + "=" + *str;
      else s += " " + k + "=" + std::to_string(std::get<std::int64_t>(v));
    }
    lines.push_back(s);
  }
};

struct Script {
  std::deque<AttemptOutcome> outcomes;  // then 200 forever
  int attempts = 0;
};

class FakeProber : public TargetProber {
 public:
  FakeProber(asio::io_context& io, Script& script, std::string address)
      : io_(io), script_(script), address_(std::move(address)) {}
  Status<> attempt(const net::SipProbeParams&, Done done) override {
    ++script_.attempts;
    AttemptOutcome o = AttemptOutcome::succeeded(200, std::chrono::milliseconds(1));
    if (!script_.outcomes.empty()) {
      o = script_.outcomes.front();
      script_.outcomes.pop_front();
    }
    asio::post(io_, [alive = std::weak_ptr<int>(alive_), done, o] {
      if (!alive.expired()) done(o);
    });
    return Ok{};
  }
  void cancel() override { alive_ = std::make_shared<int>(0); }
  std::string address() const override { return address_; }

 private:
  asio::io_context& io_;
  Script& script_;
  std::string address_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

constexpr const char* kConfig =
    "voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n retry 2\n!\n"
    "voice class sip-options-keepalive 2\n transport tcp\n shutdown\n!\n"
    "dial-peer voice 100 voip\n session target ipv4:127.0.0.1:5060\n"
    " voice-class sip options-keepalive profile 1\n!\n"
    "dial-peer voice 200 voip\n session target ipv4:127.0.0.1:5070\n session transport tcp\n"
    " voice-class sip options-keepalive up-interval 20 retry 3\n!\n"
    "dial-peer voice 300 voip\n session target ipv4:127.0.0.1:5080\n"
    " voice-class sip options-keepalive profile 2\n!\n"
    "dial-peer voice 400 voip\n session target ipv4:127.0.0.1:5090\n"
    " voice-class sip options-keepalive profile 1\n shutdown\n!\n"
    "dial-peer voice 500 voip\n session target ipv4:127.0.0.1:5100\n!\n";

config::Config load(const char* text) {
  auto loaded = config::load_config_text(text);
  EXPECT_TRUE(loaded.ok());
  return loaded.config;
}

TEST(DialPeerPlan, ProbesPeersWithTargetAndProfileOrInlineFormNotShutNorShutProfile) {
  const auto plan = plan_dial_peers(load(kConfig), 1.0);
  ASSERT_EQ(plan.probes.size(), 2u);
  EXPECT_EQ(plan.probes[0].tag, 100);
  EXPECT_EQ(plan.probes[0].profile, 1);
  EXPECT_EQ(plan.probes[0].policy.active_interval, std::chrono::seconds(10));
  EXPECT_EQ(plan.probes[0].policy.down_interval, std::chrono::seconds(5));
  EXPECT_EQ(plan.probes[0].policy.retries, 2);
  EXPECT_EQ(plan.probes[0].policy.trigger, 1);
  EXPECT_EQ(plan.probes[1].tag, 200);
  EXPECT_EQ(plan.probes[1].profile, 0);
  EXPECT_EQ(plan.probes[1].up_seconds, 20);
  EXPECT_EQ(plan.probes[1].down_seconds, 30);  // inline default
  EXPECT_EQ(plan.probes[1].retry, 3);
}

TEST(DialPeerPlan, SessionTransportAppliesWhenTheProfileSaysUdpAndProfileTcpWins) {
  auto cfg = load(kConfig);
  auto plan = plan_dial_peers(cfg, 1.0);
  EXPECT_EQ(plan.probes[0].target.transport, Transport::udp);
  EXPECT_EQ(plan.probes[1].target.transport, Transport::tcp);  // inline + session transport tcp
  cfg.dial_peers[100].session_transport = Transport::tcp;
  cfg.keepalive_profiles[1].transport = Transport::tls;
  plan = plan_dial_peers(cfg, 1.0);
  EXPECT_EQ(plan.probes[0].target.transport, Transport::tls);
  EXPECT_TRUE(dial_peers_need_tls(cfg));
}

TEST(DialPeerPlan, MissingProfileIsANoteNotAProbe) {
  auto cfg = load(kConfig);
  cfg.dial_peers[100].keepalive_profile = 77;
  const auto plan = plan_dial_peers(cfg, 1.0);
  ASSERT_EQ(plan.probes.size(), 1u);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0], "dial-peer 100: profile 77 is not configured");
}

class DialPeerServiceTest : public ::testing::Test {
 protected:
  void make(const config::Config& cfg, double scale = 0.001) {
    service_ = std::make_unique<DialPeerKeepaliveService>(
        io_, cfg, scale,
        [this](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
          return std::make_unique<FakeProber>(io_, scripts_[*t.server.port],
                                              "127.0.0.1:" + std::to_string(*t.server.port));
        },
        sink_, logger_);
  }
  bool run_until(const std::function<bool()>& pred) {
    const auto end = SteadyClock::now() + std::chrono::seconds(3);
    while (!pred()) {
      if (SteadyClock::now() > end) return false;
      io_.run_for(std::chrono::milliseconds(1));
    }
    return true;
  }
  bool has(const std::string& line) const {
    for (const auto& l : sink_.lines)
      if (l == line) return true;
    return false;
  }
  DaemonSnapshot snap() const {
    DaemonSnapshot s;
    service_->snapshot(s);
    return s;
  }

  asio::io_context io_;
  RecordingSink sink_;
  Logger logger_{stderr, false};
  std::map<int, Script> scripts_;
  std::unique_ptr<DialPeerKeepaliveService> service_;
};

TEST_F(DialPeerServiceTest, ProbesOnlyPlannedPeersAndStaysUpOn200) {
  make(load(kConfig));
  ASSERT_TRUE(service_->start().ok());
  EXPECT_EQ(service_->probed(), 2u);
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 3 && scripts_[5070].attempts >= 2; }));
  EXPECT_EQ(scripts_.count(5080) + scripts_.count(5090) + scripts_.count(5100), 0u);
  EXPECT_TRUE(sink_.lines.empty());
  service_->stop();
}

TEST_F(DialPeerServiceTest, Status503GoesDownWithReasonAndOneSuccessBringsItUp) {
  scripts_[5060].outcomes = {keepalive::classify(503), keepalive::classify(503)};
  make(load(kConfig));
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return sink_.lines.size() >= 2; }));
  EXPECT_EQ(sink_.lines[0], "dial-peer.down dial_peer=100 address=127.0.0.1:5060 transport=udp reason=503");
  EXPECT_EQ(sink_.lines[1], "dial-peer.up dial_peer=100 address=127.0.0.1:5060 transport=udp");
  // Down after attempt 1, still down after attempt 2 (503 again), up after attempt 3: trigger 1.
  EXPECT_EQ(scripts_[5060].attempts, 3);
}

TEST_F(DialPeerServiceTest, A404KeepsTheDialPeerActive) {
  for (int i = 0; i < 5; ++i) scripts_[5060].outcomes.push_back(keepalive::classify(404));
  make(load(kConfig));
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 5; }));
  EXPECT_TRUE(sink_.lines.empty());
  auto s = snap();
  EXPECT_EQ(s.dial_peers->peers[0].last_status, 404);
  EXPECT_EQ(s.dial_peers->peers[0].state, keepalive::TargetState::up);
}

TEST_F(DialPeerServiceTest, DownPeerIsProbedAtItsDownInterval) {
  // up-interval 10 s, down-interval 5 s, scale 0.01: 100 ms up, 50 ms down.
  for (int i = 0; i < 50; ++i) scripts_[5060].outcomes.push_back(AttemptOutcome::failed(FailureReason::timeout));
  make(load(kConfig), 0.01);
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 2; }));
  const auto t0 = SteadyClock::now();
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 6; }));
  const auto took = SteadyClock::now() - t0;
  EXPECT_GE(took, std::chrono::milliseconds(195));  // 4 waits of 50 ms
  EXPECT_LT(took, std::chrono::milliseconds(390));  // not the 100 ms up-interval
  EXPECT_TRUE(has("dial-peer.down dial_peer=100 address=127.0.0.1:5060 transport=udp reason=timeout"));
}

TEST_F(DialPeerServiceTest, StopEmitsNothingMoreAndRecordsLateness) {
  for (int i = 0; i < 20; ++i) scripts_[5060].outcomes.push_back(keepalive::classify(i % 2 ? 200 : 503));
  make(load(kConfig));
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 1; }));
  service_->stop();
  const auto emitted = sink_.lines.size();
  const int attempts = scripts_[5060].attempts;
  io_.run_for(std::chrono::milliseconds(100));
  EXPECT_EQ(sink_.lines.size(), emitted);
  EXPECT_EQ(scripts_[5060].attempts, attempts);
  EXPECT_GE(snap().dial_peers->lateness.samples, 1u);
}

TEST_F(DialPeerServiceTest, ThousandsOfPeersAreAllProbedFromOneTimer) {
  std::string text = "voice class sip-options-keepalive 1\n up-interval 5\n!\n";
  for (int i = 0; i < 3000; ++i)
    text += "dial-peer voice " + std::to_string(1000 + i) + " voip\n session target ipv4:127.0.0.1:" +
            std::to_string(20000 + i) + "\n voice-class sip options-keepalive profile 1\n!\n";
  make(load(text.c_str()), 0.02);  // 100 ms up-interval
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] {
    for (int i = 0; i < 3000; ++i)
      if (scripts_[20000 + i].attempts < 2) return false;
    return true;
  }));
  service_->stop();
  EXPECT_EQ(snap().dial_peers->peers.size(), 3000u);
}

}  // namespace
}  // namespace gw::daemon
