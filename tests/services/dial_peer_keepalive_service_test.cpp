// DialPeerKeepaliveService with fake probers (scripted outcomes, answered through the
// io_context): probing and events, timing through the pacer, live changes. One fixture: a
// FakeClock the test moves (make(), run_for(), poll()), or real Asio timers at a tiny
// --time-scale (make_real_time(), run_until(): up-interval 10 s -> 10 ms).
#include "services/dial_peer/dial_peer_keepalive_service.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>

#include "config/config_diff.hpp"
#include "dial_peer_configs.hpp"
#include "service_fakes.hpp"

namespace gw::daemon {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;
using test::FakeProber;
using test::load;
using test::many_peers;
using test::RecordingSink;  // lines: "name k=v k=v"
using test::Script;
using test::three_peers;

class DialPeerServiceTest : public ::testing::Test {
 protected:
  DialPeerServiceTest() : log_(open_memstream(&log_buf_, &log_len_)), logger_(log_, false) {}
  ~DialPeerServiceTest() override {
    service_.reset();
    std::fclose(log_);
    std::free(log_buf_);
  }

  // The service on clock_ (time moves only when the test says), at --time-scale 1; every
  // attempt's time goes into its Script.
  void make(const std::string& text) { make(text, &clock_, 1.0); }
  // The service on the steady clock and real timers, at `scale`.
  void make_real_time(const std::string& text, double scale = 0.001) { make(text, nullptr, scale); }

  // Fake time: moves the clock forward in 1 ms steps; the service begins what is due, answers
  // come.
  void run_for(Duration d) {
    for (Duration done{}; done < d; done += std::chrono::milliseconds(1)) {
      clock_.advance(std::chrono::milliseconds(1));
      service_->poll();
      io_.restart();
      io_.poll();
    }
  }
  // Real time: runs the loop until `pred` holds (false after 3 s).
  bool run_until(const std::function<bool()>& pred) {
    const auto end = SteadyClock::now() + std::chrono::seconds(3);
    while (!pred()) {
      if (SteadyClock::now() > end) return false;
      io_.run_for(std::chrono::milliseconds(1));
    }
    return true;
  }
  // A live change to `text`: the diff against the running configuration, then the new one.
  void reconfigure(const std::string& text) {
    config::Config next = load(text);
    const ConfigDiff diff = diff_config(config_, next);
    config_ = std::move(next);
    service_->reconfigure(config_, diff);
    io_.restart();
    io_.poll();
  }

  bool has(const std::string& line) const {
    for (const auto& l : sink_.lines)
      if (l == line) return true;
    return false;
  }
  std::string log() {
    std::fflush(log_);
    return std::string(log_buf_, log_len_);
  }
  DaemonSnapshot snap() const {
    DaemonSnapshot s;
    service_->snapshot(s);
    return s;
  }
  const DialPeerStateSnapshot* peer(const DaemonSnapshot& s, long tag) {
    for (const auto& p : s.dial_peers->peers)
      if (p.tag == tag) return &p;
    return nullptr;
  }

  asio::io_context io_;
  FakeClock clock_;
  RecordingSink sink_;
  char* log_buf_ = nullptr;
  std::size_t log_len_ = 0;
  std::FILE* log_;
  Logger logger_;
  std::map<int, Script> scripts_;
  config::Config config_;
  std::unique_ptr<DialPeerKeepaliveService> service_;

 private:
  void make(const std::string& text, const Clock* clock, double scale) {
    config_ = load(text);
    service_ = std::make_unique<DialPeerKeepaliveService>(
        io_, config_, scale,
        [this, clock](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
          Script& s = scripts_[*t.server.port];
          s.clock = clock;
          return std::make_unique<FakeProber>(io_, s,
                                              "127.0.0.1:" + std::to_string(*t.server.port));
        },
        sink_, logger_, clock);
  }
};

// The same fixture; the tests of live changes (reconfigure) and of timing.
class DialPeerReconfigureTest : public DialPeerServiceTest {};

TEST_F(DialPeerServiceTest, ProbesOnlyPlannedPeersAndStaysUpOn200) {
  make_real_time(test::kDialPeerConfig);
  ASSERT_TRUE(service_->start().ok());
  EXPECT_EQ(service_->probed(), 2u);
  ASSERT_TRUE(
      run_until([&] { return scripts_[5060].attempts >= 3 && scripts_[5070].attempts >= 2; }));
  EXPECT_EQ(scripts_.count(5080) + scripts_.count(5090) + scripts_.count(5100), 0u);
  EXPECT_TRUE(sink_.lines.empty());
  service_->stop();
}

TEST_F(DialPeerServiceTest, Status503GoesDownWithReasonAndOneSuccessBringsItUp) {
  scripts_[5060].outcomes = {keepalive::classify(503), keepalive::classify(503)};
  make_real_time(test::kDialPeerConfig);
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return sink_.lines.size() >= 2; }));
  EXPECT_EQ(sink_.lines[0],
            "dial-peer.down dial_peer=100 address=127.0.0.1:5060 transport=udp reason=503");
  EXPECT_EQ(sink_.lines[1], "dial-peer.up dial_peer=100 address=127.0.0.1:5060 transport=udp");
  // Down after attempt 1, still down after attempt 2 (503 again), up after attempt 3: trigger 1.
  EXPECT_EQ(scripts_[5060].attempts, 3);
}

TEST_F(DialPeerServiceTest, TheSummaryCountsBusiedOutDialPeersWithoutListingThem) {
  scripts_[5060].outcomes = {keepalive::classify(503), keepalive::classify(503)};
  make_real_time(test::kDialPeerConfig);
  ASSERT_TRUE(service_->start().ok());
  const auto summary = [&] {
    DaemonSnapshot s;
    service_->summary(s);
    return *s.dial_peers;
  };
  EXPECT_EQ(summary().probed, 2u);
  EXPECT_EQ(summary().busyout, 0u);
  EXPECT_TRUE(summary().peers.empty());
  EXPECT_TRUE(summary().profiles.empty());  // read every 100 ms by metrics: counts only
  EXPECT_EQ(snap().dial_peers->profiles.size(), 2u);
  ASSERT_TRUE(run_until([&] { return sink_.lines.size() >= 1; }));  // 100 went down
  EXPECT_EQ(summary().busyout, 1u);
  EXPECT_EQ(snap().dial_peers->busyout, 1u);
  EXPECT_EQ(snap().dial_peers->peers.size(), 5u);  // the full snapshot lists every dial-peer
  ASSERT_TRUE(run_until([&] { return sink_.lines.size() >= 2; }));  // and came back
  EXPECT_EQ(summary().busyout, 0u);
  EXPECT_GE(summary().probes, 3u);
}

TEST_F(DialPeerServiceTest, A404KeepsTheDialPeerActive) {
  for (int i = 0; i < 5; ++i) scripts_[5060].outcomes.push_back(keepalive::classify(404));
  make_real_time(test::kDialPeerConfig);
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 5; }));
  EXPECT_TRUE(sink_.lines.empty());
  auto s = snap();
  EXPECT_EQ(s.dial_peers->peers[0].last_status, 404);
  EXPECT_EQ(s.dial_peers->peers[0].state, keepalive::TargetState::up);
}

TEST_F(DialPeerServiceTest, DownPeerIsProbedAtItsDownInterval) {
  // up-interval 10 s, down-interval 5 s, scale 0.01: 100 ms up, 50 ms down.
  for (int i = 0; i < 50; ++i)
    scripts_[5060].outcomes.push_back(AttemptOutcome::failed(FailureReason::timeout));
  make_real_time(test::kDialPeerConfig, 0.01);
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 2; }));
  const auto t0 = SteadyClock::now();
  ASSERT_TRUE(run_until([&] { return scripts_[5060].attempts >= 6; }));
  const auto took = SteadyClock::now() - t0;
  EXPECT_GE(took, std::chrono::milliseconds(195));  // 4 waits of 50 ms
  EXPECT_LT(took, std::chrono::milliseconds(390));  // not the 100 ms up-interval
  EXPECT_TRUE(
      has("dial-peer.down dial_peer=100 address=127.0.0.1:5060 transport=udp reason=timeout"));
}

TEST_F(DialPeerServiceTest, StopEmitsNothingMoreAndRecordsLateness) {
  for (int i = 0; i < 20; ++i)
    scripts_[5060].outcomes.push_back(keepalive::classify(i % 2 ? 200 : 503));
  make_real_time(test::kDialPeerConfig);
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
    text += "dial-peer voice " + std::to_string(1000 + i) +
            " voip\n session target ipv4:127.0.0.1:" + std::to_string(20000 + i) +
            "\n voice-class sip options-keepalive profile 1\n!\n";
  make_real_time(text, 0.02);  // 100 ms up-interval
  ASSERT_TRUE(service_->start().ok());
  ASSERT_TRUE(run_until([&] {
    for (int i = 0; i < 3000; ++i)
      if (scripts_[20000 + i].attempts < 2) return false;
    return true;
  }));
  service_->stop();
  EXPECT_EQ(snap().dial_peers->peers.size(), 3000u);
}

// --- live changes (reconfigure, reload) and timing, on the FakeClock.

TEST_F(DialPeerReconfigureTest, OnlyTheChangedDialPeerRestartsTheOthersKeepScheduleAndCounters) {
  make(three_peers());
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::seconds(13));  // first attempts within 3 ms, second ones 10 s later
  ASSERT_EQ(scripts_[6001].attempts, 2);
  ASSERT_EQ(scripts_[6003].attempts, 2);
  const TimePoint next1 = scripts_[6001].times[1] + std::chrono::seconds(10);
  const TimePoint next3 = scripts_[6003].times[1] + std::chrono::seconds(10);

  reconfigure(three_peers(6009));         // dial-peer 2 moves to port 6009
  EXPECT_EQ(scripts_[6001].attempts, 2);  // no extra probe of the others
  EXPECT_EQ(scripts_[6003].attempts, 2);
  auto s = snap();
  EXPECT_EQ(peer(s, 1)->attempts, 2u);  // counters untouched
  EXPECT_EQ(peer(s, 2)->attempts, 0u);  // a fresh session
  EXPECT_EQ(peer(s, 2)->session_target, "ipv4:127.0.0.1:6009");
  EXPECT_NE(log().find("%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive restarted for dial-peer 2"),
            std::string::npos)
      << log();
  EXPECT_EQ(log().find("dial-peer 1\n"), std::string::npos);

  run_for(std::chrono::milliseconds(2));  // the restarted one begins at once
  EXPECT_EQ(scripts_[6009].attempts, 1);
  const int old_port_attempts = scripts_[6002].attempts;
  run_for(std::chrono::seconds(10));
  EXPECT_EQ(scripts_[6002].attempts, old_port_attempts);  // the old probe is gone
  ASSERT_EQ(scripts_[6001].attempts, 3);
  ASSERT_EQ(scripts_[6003].attempts, 3);
  // On the wheel's 1 ms tick, exactly when they were due before the reconfigure.
  EXPECT_LT(scripts_[6001].times[2] - next1, std::chrono::milliseconds(2));
  EXPECT_GE(scripts_[6001].times[2], next1);
  EXPECT_LT(scripts_[6003].times[2] - next3, std::chrono::milliseconds(2));
  EXPECT_GE(scripts_[6003].times[2], next3);
  EXPECT_EQ(snap().dial_peers->peers.size(), 4u);
}

TEST_F(DialPeerReconfigureTest, ADownDialPeerStaysDownWhenAnotherOneChanges) {
  for (int i = 0; i < 10; ++i)
    scripts_[6001].outcomes.push_back(AttemptOutcome::failed(FailureReason::timeout));
  make(three_peers());
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(10));
  ASSERT_EQ(sink_.lines.size(), 1u);
  EXPECT_EQ(sink_.lines[0],
            "dial-peer.down dial_peer=1 address=127.0.0.1:6001 transport=udp reason=timeout");
  run_for(std::chrono::seconds(6));  // one more attempt at the 5 s down-interval
  ASSERT_EQ(scripts_[6001].attempts, 2);
  const TimePoint next1 = scripts_[6001].times[1] + std::chrono::seconds(5);

  reconfigure(three_peers(6009));
  EXPECT_EQ(scripts_[6001].attempts, 2);
  auto s = snap();
  EXPECT_EQ(peer(s, 1)->state, keepalive::TargetState::down);
  EXPECT_EQ(peer(s, 1)->failures, 2u);
  run_for(std::chrono::seconds(5));
  ASSERT_EQ(scripts_[6001].attempts, 3);  // still at its down-interval, still failing
  EXPECT_GE(scripts_[6001].times[2], next1);
  EXPECT_LT(scripts_[6001].times[2] - next1, std::chrono::milliseconds(2));
  EXPECT_EQ(snap().dial_peers->peers[0].state, keepalive::TargetState::down);
  EXPECT_EQ(sink_.lines.size(), 1u);  // no dial-peer.up, no second down
}

TEST_F(DialPeerReconfigureTest, AddedRemovedAndUnprobedDialPeersAreTracked) {
  make(three_peers());
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(5));
  ASSERT_EQ(scripts_[6003].attempts, 1);
  // 3 is removed, 4 and 5 are new (probed), 600 is new without keepalive, 500 gets one.
  std::string next = three_peers();
  const auto cut = next.find("dial-peer voice 3 voip");
  next.erase(cut, next.find("!\n", cut) + 2 - cut);
  next +=
      "dial-peer voice 4 voip\n session target ipv4:127.0.0.1:6004\n"
      " voice-class sip options-keepalive profile 1\n!\n"
      "dial-peer voice 5 voip\n session target ipv4:127.0.0.1:6005\n"
      " voice-class sip options-keepalive\n!\n"
      "dial-peer voice 600 voip\n description spare\n!\n";
  next.replace(next.find("6500\n!"), 6, "6500\n voice-class sip options-keepalive profile 1\n!");
  reconfigure(next);
  EXPECT_EQ(service_->probed(), 5u);  // 1, 2, 4, 5, 500
  const std::string l = log();
  EXPECT_NE(l.find("OPTIONS keepalive stopped for dial-peer 3"), std::string::npos) << l;
  EXPECT_NE(l.find("OPTIONS keepalive started for dial-peer 4"), std::string::npos) << l;
  EXPECT_NE(l.find("OPTIONS keepalive started for dial-peer 500"), std::string::npos) << l;
  EXPECT_EQ(l.find("for dial-peer 600"), std::string::npos) << l;
  run_for(std::chrono::milliseconds(5));  // three new ones: one tick holds up to 8
  EXPECT_EQ(scripts_[6004].attempts, 1);
  EXPECT_EQ(scripts_[6005].attempts, 1);
  EXPECT_EQ(scripts_[6500].attempts, 1);
  EXPECT_EQ(scripts_[6004].times[0], scripts_[6500].times[0]);
  EXPECT_EQ(scripts_[6001].attempts, 1);
  const int removed = scripts_[6003].attempts;
  run_for(std::chrono::seconds(11));
  EXPECT_EQ(scripts_[6003].attempts, removed);

  const auto s = snap();
  std::vector<long> tags;
  for (const auto& p : s.dial_peers->peers) tags.push_back(p.tag);
  EXPECT_EQ(tags, (std::vector<long>{1, 2, 4, 5, 500, 600}));
  EXPECT_TRUE(peer(s, 500)->keepalive);
  EXPECT_FALSE(peer(s, 600)->keepalive);
  EXPECT_EQ(peer(s, 600)->description, "spare");
}

TEST_F(DialPeerReconfigureTest, AChangedProfileRestartsItsDialPeersAndAShutProfileStopsThem) {
  make(three_peers());
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(5));
  reconfigure(three_peers(6002, 20));  // up-interval 20: every dial-peer of profile 1 restarts
  run_for(std::chrono::milliseconds(5));
  EXPECT_EQ(scripts_[6001].attempts, 2);  // restarted: first attempt of the new session
  run_for(std::chrono::seconds(15));
  EXPECT_EQ(scripts_[6001].attempts, 2);  // not at the old 10 s
  run_for(std::chrono::seconds(6));
  EXPECT_EQ(scripts_[6001].attempts, 3);  // at 20 s

  std::string shut = three_peers(6002, 20);
  shut.replace(shut.find(" down-interval 5\n"), 17, " down-interval 5\n shutdown\n");
  reconfigure(shut);
  EXPECT_EQ(service_->probed(), 0u);
  const auto s = snap();
  ASSERT_EQ(s.dial_peers->peers.size(), 4u);
  EXPECT_FALSE(peer(s, 1)->keepalive);
  EXPECT_EQ(peer(s, 1)->profile, 1);
  EXPECT_NE(log().find("OPTIONS keepalive stopped for dial-peer 2"), std::string::npos);
  const int n = scripts_[6001].attempts;
  run_for(std::chrono::seconds(21));
  EXPECT_EQ(scripts_[6001].attempts, n);
}

TEST_F(DialPeerReconfigureTest, HundredsOfChangesKeepTheTagOrderAndTheUnchangedDialPeer) {
  // More changes than the in-place path takes: the bulk path re-sorts the index list.
  const auto text = [](int up) {
    std::string t =
        "voice class sip-options-keepalive 1\n up-interval " + std::to_string(up) + "\n!\n";
    for (int tag = 1; tag <= 100; ++tag)
      t += "dial-peer voice " + std::to_string(tag * 2) +
           " voip\n session target ipv4:127.0.0.1:" + std::to_string(7000 + tag) +
           "\n voice-class sip options-keepalive profile 1\n!\n";
    t += "dial-peer voice 101 voip\n session target ipv4:127.0.0.1:7999\n voice-class sip "
         "options-keepalive\n!\n";
    return t;
  };
  make(text(10));
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(120));
  ASSERT_EQ(scripts_[7999].attempts, 1);
  reconfigure(text(20));  // 100 dial-peers of profile 1 restart; 101 (inline form) does not
  EXPECT_EQ(service_->probed(), 101u);
  run_for(std::chrono::milliseconds(120));
  EXPECT_EQ(scripts_[7999].attempts, 1);
  for (int tag = 1; tag <= 100; ++tag) EXPECT_EQ(scripts_[7000 + tag].attempts, 2) << tag;
  const auto s = snap();
  ASSERT_EQ(s.dial_peers->peers.size(), 101u);
  for (std::size_t i = 1; i < s.dial_peers->peers.size(); ++i)
    EXPECT_LT(s.dial_peers->peers[i - 1].tag, s.dial_peers->peers[i].tag);
  EXPECT_EQ(peer(s, 101)->attempts, 1u);
  EXPECT_EQ(peer(s, 100)->attempts, 1u);  // the new session's first attempt
  EXPECT_NE(log().find("for 68 more dial-peers"), std::string::npos) << log();
}

TEST_F(DialPeerReconfigureTest, ABulkChangeMovesDialPeersBetweenProbedAndNotInTagOrder) {
  const auto text = [](bool even_probed) {
    std::string t = "voice class sip-options-keepalive 1\n up-interval 10\n!\n";
    for (int tag = 1; tag <= 200; ++tag) {
      t += "dial-peer voice " + std::to_string(tag) +
           " voip\n session target ipv4:127.0.0.1:" + std::to_string(7000 + tag) + "\n";
      if (tag % 2 == 1 || even_probed) t += " voice-class sip options-keepalive profile 1\n";
      t += "!\n";
    }
    return t;
  };
  make(text(true));
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(20));
  reconfigure(text(false));  // the 100 even dial-peers stop
  auto s = snap();
  ASSERT_EQ(s.dial_peers->peers.size(), 200u);
  for (int tag = 1; tag <= 200; ++tag) {
    const auto& p = s.dial_peers->peers[static_cast<std::size_t>(tag - 1)];
    ASSERT_EQ(p.tag, tag);
    EXPECT_EQ(p.keepalive, tag % 2 == 1) << tag;
  }
  EXPECT_EQ(service_->probed(), 100u);
  reconfigure(text(true));  // and back
  s = snap();
  ASSERT_EQ(s.dial_peers->peers.size(), 200u);
  for (int tag = 1; tag <= 200; ++tag) {
    ASSERT_EQ(s.dial_peers->peers[static_cast<std::size_t>(tag - 1)].tag, tag);
    EXPECT_TRUE(s.dial_peers->peers[static_cast<std::size_t>(tag - 1)].keepalive) << tag;
  }
  EXPECT_EQ(service_->probed(), 200u);
}

TEST_F(DialPeerReconfigureTest, BeforeStartTheWholeNewConfigurationIsTaken) {
  make(three_peers());
  reconfigure(three_peers(6009));
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(5));
  EXPECT_EQ(scripts_[6009].attempts, 1);
  EXPECT_EQ(scripts_.count(6002), 0u);
}

TEST_F(DialPeerReconfigureTest, FirstAttemptsStartOnTickBoundariesSixteenPerTickInTagOrder) {
  static_assert(DialPeerKeepaliveService::kFirstAttemptsPerTick == 16);
  make(many_peers(40));
  ASSERT_TRUE(service_->start().ok());
  const TimePoint t0 = clock_.now();
  run_for(std::chrono::milliseconds(5));
  const auto at = [&](int tag) { return scripts_[7000 + tag].times.at(0) - t0; };
  for (int tag = 1; tag <= 40; ++tag) ASSERT_EQ(scripts_[7000 + tag].attempts, 1) << tag;
  for (int tag = 1; tag <= 16; ++tag) EXPECT_EQ(at(tag), std::chrono::milliseconds(1)) << tag;
  for (int tag = 17; tag <= 32; ++tag) EXPECT_EQ(at(tag), std::chrono::milliseconds(2)) << tag;
  for (int tag = 33; tag <= 40; ++tag) EXPECT_EQ(at(tag), std::chrono::milliseconds(3)) << tag;
  // Due on a tick boundary and begun at it: no rounding in the recorded lateness.
  EXPECT_EQ(snap().dial_peers->lateness.max, Duration::zero());
}

TEST_F(DialPeerReconfigureTest,
       NextAttemptsDueInOneTickBeginTogetherAtItsEndWithTheirLatenessCounted) {
  make(many_peers(2));
  ASSERT_TRUE(service_->start().ok());
  const TimePoint t0 = clock_.now();
  clock_.advance(std::chrono::milliseconds(1));
  service_->poll();  // both first attempts begin at the 1 ms boundary
  clock_.advance(std::chrono::microseconds(300));
  io_.restart();
  io_.poll();  // 7001 is answered at 1.3 ms
  clock_.advance(std::chrono::microseconds(400));
  io_.restart();
  io_.poll();  // nothing more is pending: 7002 was answered in the same poll
  ASSERT_EQ(scripts_[7001].attempts, 1);
  const TimePoint due = t0 + std::chrono::seconds(10) + std::chrono::microseconds(1300);
  const TimePoint tick_end = t0 + std::chrono::seconds(10) + std::chrono::milliseconds(2);
  clock_.set(due);
  service_->poll();
  EXPECT_EQ(scripts_[7001].attempts, 1);  // due, but its tick has not ended
  clock_.set(tick_end - std::chrono::microseconds(1));
  service_->poll();
  EXPECT_EQ(scripts_[7001].attempts, 1);
  clock_.set(tick_end);
  service_->poll();
  EXPECT_EQ(scripts_[7001].attempts, 2);
  EXPECT_EQ(scripts_[7002].attempts, 2);
  EXPECT_EQ(scripts_[7001].times.at(1), tick_end);
  // Counted from the due time: the 0.7 ms of rounding is in the recorded lateness.
  EXPECT_EQ(snap().dial_peers->lateness.max, std::chrono::microseconds(700));
}

TEST_F(DialPeerReconfigureTest, APileUpBeginsAtMost32PerWakeupAndKeepsItsDueTime) {
  make(many_peers(100));
  ASSERT_TRUE(service_->start().ok());
  static_assert(DialPeerKeepaliveService::kAttemptsPerWakeup == 32);
  run_for(std::chrono::milliseconds(20));  // 100 first attempts over 7 ticks, all answered
  const auto total = [&] {
    int n = 0;
    for (int tag = 1; tag <= 100; ++tag) n += scripts_[7000 + tag].attempts;
    return n;
  };
  ASSERT_EQ(total(), 100);
  // The daemon is held up: the second attempts of all 100 are due when it wakes, 50 ms late.
  clock_.advance(std::chrono::seconds(10) + std::chrono::milliseconds(50));
  service_->poll();
  EXPECT_EQ(total(), 132);
  service_->poll();  // again within the same tick: the backlog waits for the next one
  EXPECT_EQ(total(), 132);
  io_.restart();
  io_.poll();
  run_for(std::chrono::milliseconds(1));
  EXPECT_EQ(total(), 164);
  run_for(std::chrono::milliseconds(1));
  EXPECT_EQ(total(), 196);
  run_for(std::chrono::milliseconds(1));
  EXPECT_EQ(total(), 200);
  run_for(std::chrono::milliseconds(10));
  EXPECT_EQ(total(), 200);
  // Lateness counts from the due time, also for the moved ones: the earliest second attempt
  // was due 10 s after its answer at tick 1, 69 ms before the wake-up.
  const auto late = snap().dial_peers->lateness;
  EXPECT_GE(late.max, std::chrono::milliseconds(69));
  EXPECT_LE(late.max, std::chrono::milliseconds(72));
  // And they are spread again: the third attempts come in four ticks, not one burst.
  std::map<TimePoint, int> per_tick;
  clock_.advance(std::chrono::seconds(10) - std::chrono::milliseconds(20));
  run_for(std::chrono::milliseconds(40));
  for (int tag = 1; tag <= 100; ++tag) {
    ASSERT_EQ(scripts_[7000 + tag].attempts, 3) << tag;
    ++per_tick[scripts_[7000 + tag].times.at(2)];
  }
  EXPECT_EQ(per_tick.size(), 4u);
  for (const auto& [t, n] : per_tick) EXPECT_LE(n, 32);
}

TEST_F(DialPeerReconfigureTest, AWakeUpThatCameLateBegins32PerLateTickAtMost8Times) {
  static_assert(DialPeerKeepaliveService::kCatchUpTicks == 8);
  make(many_peers(600));
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(60));
  const auto total = [&] {
    int n = 0;
    for (int tag = 1; tag <= 600; ++tag) n += scripts_[7000 + tag].attempts;
    return n;
  };
  ASSERT_EQ(total(), 600);
  // Every second attempt is due. A wake-up on time begins 32...
  clock_.advance(std::chrono::seconds(10) + std::chrono::milliseconds(100));
  service_->poll(clock_.now());
  EXPECT_EQ(total(), 632);
  // ...one set for 3 ms earlier (the host ran the loop 3 ms late) 4 x 32...
  clock_.advance(std::chrono::milliseconds(4));
  service_->poll(clock_.now() - std::chrono::milliseconds(3));
  EXPECT_EQ(total(), 760);
  // ...and one 50 ms late no more than 8 x 32.
  clock_.advance(std::chrono::milliseconds(51));
  service_->poll(clock_.now() - std::chrono::milliseconds(50));
  EXPECT_EQ(total(), 1016);
  service_->poll(clock_.now());  // the same tick again: nothing more
  EXPECT_EQ(total(), 1016);
  clock_.advance(std::chrono::milliseconds(1));
  service_->poll(clock_.now());
  EXPECT_EQ(total(), 1048);
}

TEST_F(DialPeerReconfigureTest,
       ARestartOfThousandsIsAppliedInSlicesAndItsFirstAttemptsStaySixteenPerTick) {
  static_assert(DialPeerKeepaliveService::kRestartsPerSlice == 2048);
  const int n = 5000;
  make(many_peers(n));
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(320));  // every first attempt (16 per tick) answered
  const auto fresh = [&] {                  // dial-peers on a new session (no attempt yet)
    std::size_t k = 0;
    const auto s = snap();
    for (const auto& p : s.dial_peers->peers) k += p.attempts == 0 ? 1 : 0;
    return k;
  };
  ASSERT_EQ(fresh(), 0u);
  std::string text = many_peers(n);
  text.replace(text.find("up-interval 10"), 14, "up-interval 20");  // the profile of all 5000
  config::Config next = load(text.c_str());
  const ConfigDiff diff = diff_config(config_, next);
  ASSERT_EQ(diff.dial_peers.size(), static_cast<std::size_t>(n));
  config_ = std::move(next);
  service_->reconfigure(config_, diff);
  EXPECT_EQ(fresh(), 2048u);  // one slice now, the rest from handlers posted after it
  EXPECT_EQ(log().find("more dial-peers"), std::string::npos);
  // Until the last slice is applied no restarted dial-peer begins: their first attempts are
  // timed from the end of the restart, not from a slice that more work still follows.
  clock_.advance(std::chrono::milliseconds(5));
  service_->poll();
  EXPECT_EQ(fresh(), 2048u);
  io_.restart();
  io_.poll();
  EXPECT_EQ(fresh(), 5000u);
  EXPECT_NE(log().find("for 4968 more dial-peers"), std::string::npos);
  // The slices' first attempts follow on from each other: 16 per tick, never more.
  const TimePoint from = clock_.now();
  run_for(std::chrono::milliseconds(330));
  std::map<TimePoint, int> per_tick;
  for (int tag = 1; tag <= n; ++tag) {
    ASSERT_EQ(scripts_[7000 + tag].attempts, 2) << tag;
    ++per_tick[scripts_[7000 + tag].times.at(1)];
  }
  for (const auto& [t, k] : per_tick) EXPECT_LE(k, 16) << (t - from).count();
  EXPECT_EQ(per_tick.size(), static_cast<std::size_t>((n + 15) / 16));
}

TEST_F(DialPeerReconfigureTest, AChangeDuringASlicedRestartTakesOverWhatItHasNotReached) {
  const int n = 5000;
  make(many_peers(n));
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(320));
  const auto with_up = [&](int up) {
    std::string text = many_peers(n);
    text.replace(text.find("up-interval 10"), 14, "up-interval " + std::to_string(up));
    return text;
  };
  config::Config next = load(with_up(20).c_str());
  ConfigDiff diff = diff_config(config_, next);
  config_ = std::move(next);
  service_->reconfigure(config_, diff);  // 2048 applied with up-interval 20
  reconfigure(with_up(30));              // all 5000 again; the rest of the first one with it
  const auto s = snap();
  ASSERT_EQ(s.dial_peers->peers.size(), static_cast<std::size_t>(n));
  for (std::size_t i = 1; i < s.dial_peers->peers.size(); ++i)
    ASSERT_LT(s.dial_peers->peers[i - 1].tag, s.dial_peers->peers[i].tag);
  EXPECT_EQ(service_->probed(), static_cast<std::size_t>(n));
  // Every session runs on the latest profile: the second attempts come 30 s after the first.
  // (The first attempts follow on from the first change's slice: 16 per tick from ~128 ms.)
  run_for(std::chrono::milliseconds(500));
  for (int tag = 1; tag <= n; ++tag) ASSERT_EQ(scripts_[7000 + tag].attempts, 2) << tag;
  clock_.advance(std::chrono::seconds(29) - std::chrono::milliseconds(600));
  run_for(std::chrono::milliseconds(100));
  for (int tag = 1; tag <= n; ++tag) ASSERT_EQ(scripts_[7000 + tag].attempts, 2) << tag;
  clock_.advance(std::chrono::seconds(1));
  run_for(std::chrono::milliseconds(600));
  for (int tag = 1; tag <= n; ++tag) ASSERT_EQ(scripts_[7000 + tag].attempts, 3) << tag;
}

TEST_F(DialPeerReconfigureTest,
       ABackloggedDialPeerThatIsRemovedNeverBeginsNorDoesItsSlotsNewOwnerTwice) {
  make(many_peers(100));
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(20));
  const auto attempts = [&](int tag) { return scripts_[7000 + tag].attempts; };
  // Held up: all 100 second attempts are due at once; 32 begin, 68 wait in the backlog.
  clock_.advance(std::chrono::seconds(10) + std::chrono::milliseconds(50));
  service_->poll();
  std::map<int, int> before;
  for (int tag = 1; tag <= 100; ++tag) before[tag] = attempts(tag);
  // Dial-peers 50..100 go (some of them are waiting), 500 comes and takes a freed slot.
  std::string next = many_peers(49);
  next +=
      "dial-peer voice 500 voip\n session target ipv4:127.0.0.1:7500\n"
      " voice-class sip options-keepalive profile 1\n!\n";
  reconfigure(next);
  run_for(std::chrono::milliseconds(10));
  for (int tag = 1; tag <= 49; ++tag) EXPECT_EQ(attempts(tag), 2) << tag;
  for (int tag = 50; tag <= 100; ++tag) EXPECT_EQ(attempts(tag), before[tag]) << tag;
  EXPECT_EQ(attempts(500), 1);  // its own first attempt only, not a stale backlog entry's too
  run_for(std::chrono::seconds(9));
  EXPECT_EQ(attempts(500), 1);
}

TEST_F(DialPeerReconfigureTest, ARemovedBusiedOutDialPeerLeavesTheBusyoutCount) {
  make(three_peers());
  scripts_[6002].outcomes = {AttemptOutcome::failed(FailureReason::timeout)};
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(5));
  EXPECT_EQ(snap().dial_peers->busyout, 1u);
  reconfigure(three_peers(6009));  // dial-peer 2 restarts on another target: a fresh session
  EXPECT_EQ(snap().dial_peers->busyout, 0u);
  EXPECT_EQ(snap().dial_peers->probed, 3u);
}

}  // namespace
}  // namespace gw::daemon
