#include "sccp/ccm_session.hpp"

#include <gtest/gtest.h>

#include "wire.hpp"

namespace gw::sccp {
namespace {

using test::only;
using test::parse_all;
using namespace std::chrono_literals;

SessionConfig two_devices() {
  SessionConfig c;
  c.devices = {{"CFB1", kDeviceTypeConference, 4}, {"MTP1", kDeviceTypeMtp, 8}};
  return c;
}

template <class T>
std::vector<T> events_of(CcmSession& s) {
  std::vector<T> out;
  for (auto& e : s.take_events())
    if (auto* t = std::get_if<T>(&e)) out.push_back(*t);
  return out;
}

class SessionTest : public ::testing::Test {
 protected:
  TimePoint t0 = FakeClock{}.now();
  CcmSession s{two_devices()};

  std::vector<Message> sent() { return parse_all(s.take_output()); }
  void rx(const Message& m, TimePoint now) { s.on_bytes(now, encode(m)); }
  void connect() {
    ASSERT_TRUE(s.open(t0).ok());
    ASSERT_TRUE(s.on_connected(t0).ok());
  }
  void registered(std::uint32_t interval = 0, std::uint32_t secondary = 0) {
    connect();
    ASSERT_TRUE(s.promote(t0).ok());
    rx(RegisterAck{interval, "M/D/YA", secondary}, t0);
    rx(RegisterAck{interval, "M/D/YA", secondary}, t0);
    ASSERT_EQ(s.state(), SessionState::registered);
    s.take_output();
    s.take_events();
  }
};

TEST_F(SessionTest, ConnectSendsKeepAliveAtOnceAndArmsTheInterval) {
  connect();
  auto m = sent();
  ASSERT_EQ(m.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<KeepAlive>(m[0]));
  EXPECT_EQ(s.state(), SessionState::standby);
  EXPECT_EQ(s.unacked(), 1u);
  EXPECT_EQ(s.deadline(), t0 + 30s);
  EXPECT_EQ(events_of<session_event::Connected>(s).size(), 1u);
}

TEST_F(SessionTest, DownAfterExactlyRetriesTimesIntervalFromFirstUnackedKeepAlive) {
  connect();  // KeepAlive #1 at t0, never acked
  s.on_timer(t0 + 30s);
  s.on_timer(t0 + 60s);
  EXPECT_EQ(s.unacked(), 3u);
  EXPECT_EQ(s.deadline(), t0 + 90s);
  s.on_timer(t0 + 90s - 1ms);  // early wake-up changes nothing
  EXPECT_EQ(s.state(), SessionState::standby);
  s.on_timer(t0 + 90s);
  EXPECT_EQ(s.state(), SessionState::down);
  auto d = events_of<session_event::Down>(s);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].reason, DownReason::keepalive);
  EXPECT_EQ(only<KeepAlive>(sent()).size(), 3u);
  EXPECT_FALSE(s.deadline().has_value());
}

TEST_F(SessionTest, LateWakeUpsDoNotDelayTheDownDecision) {
  connect();                   // KeepAlive #1 at t0, never acked
  s.on_timer(t0 + 30s + 7ms);  // the loop woke up 7 ms late
  EXPECT_EQ(s.deadline(), t0 + 60s) << "the next KeepAlive stays on the interval grid";
  s.on_timer(t0 + 60s + 9ms);
  EXPECT_EQ(s.deadline(), t0 + 90s);
  s.on_timer(t0 + 90s);
  EXPECT_EQ(s.state(), SessionState::down) << "down at exactly retries x interval";
}

TEST_F(SessionTest, AWakeUpLaterThanAnIntervalDoesNotBurst) {
  connect();
  s.on_timer(t0 + 75s);  // suspended for more than a whole interval
  EXPECT_EQ(s.deadline(), t0 + 105s);
  EXPECT_EQ(only<KeepAlive>(sent()).size(), 2u);
}

TEST_F(SessionTest, KeepAliveAckResetsTheUnackedCount) {
  connect();
  s.on_timer(t0 + 30s);
  s.on_timer(t0 + 60s);
  rx(KeepAliveAck{}, t0 + 61s);
  EXPECT_EQ(s.unacked(), 0u);
  EXPECT_EQ(events_of<session_event::Answered>(s).size(), 1u);
  s.on_timer(t0 + 90s);  // first unacked after the ack
  s.on_timer(t0 + 120s);
  s.on_timer(t0 + 150s);
  EXPECT_EQ(s.state(), SessionState::standby);
  s.on_timer(t0 + 180s);  // 3 × 30 s after t0+90
  EXPECT_EQ(s.state(), SessionState::down);
}

TEST_F(SessionTest, PromoteRegistersEachDeviceInTurnWithNameAndType) {
  connect();
  s.take_output();
  ASSERT_TRUE(s.promote(t0).ok());
  auto regs = only<Register>(sent());
  ASSERT_EQ(regs.size(), 1u) << "one device at a time";
  EXPECT_EQ(regs[0].device_name, "CFB1");
  EXPECT_EQ(regs[0].device_type, 50u);
  EXPECT_EQ(regs[0].max_streams, 4u);
  rx(RegisterAck{0, "M/D/YA", 0}, t0 + 1s);
  regs = only<Register>(sent());
  ASSERT_EQ(regs.size(), 1u);
  EXPECT_EQ(regs[0].device_name, "MTP1");
  EXPECT_EQ(regs[0].device_type, 110u);
  rx(RegisterAck{0, "M/D/YA", 0}, t0 + 1s);
  EXPECT_EQ(s.state(), SessionState::registered);
  auto ev = events_of<session_event::Registered>(s);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].device, "CFB1");
  EXPECT_EQ(ev[1].device, "MTP1");
  EXPECT_EQ(ev[1].keepalive_interval, 30s) << "zero in RegisterAck keeps the configured value";
}

TEST_F(SessionTest, RegisterAckIntervalOverridesConfiguredAndRestartsTheTimer) {
  connect();
  ASSERT_TRUE(s.promote(t0).ok());
  rx(RegisterAck{10, "M/D/YA", 0}, t0 + 2s);
  EXPECT_EQ(s.effective_interval(), 10s);
  EXPECT_EQ(s.configured_interval(), 30s);
  EXPECT_EQ(s.deadline(), t0 + 2s + 3s) << "registration timeout of the second device first";
  rx(RegisterAck{10, "M/D/YA", 0}, t0 + 2s);
  EXPECT_EQ(s.deadline(), t0 + 12s);
  auto ev = events_of<session_event::Registered>(s);
  EXPECT_EQ(ev[0].keepalive_interval, 10s);
  EXPECT_EQ(ev[0].received_interval_s, 10u);
}

TEST_F(SessionTest, TimeScaleMultipliesTheReceivedInterval) {
  SessionConfig c = two_devices();
  c.time_scale = 0.01;
  c.keepalive_timeout = 300ms;  // configured values arrive scaled
  CcmSession fast(c);
  ASSERT_TRUE(fast.open(t0).ok());
  ASSERT_TRUE(fast.on_connected(t0).ok());
  ASSERT_TRUE(fast.promote(t0).ok());
  fast.on_bytes(t0, encode(RegisterAck{10, "M/D/YA", 0}));
  EXPECT_EQ(fast.effective_interval(), 100ms);
}

TEST_F(SessionTest, StandbyUsesTheOverrideInterval) {
  connect();
  s.set_keepalive_interval(5s, t0 + 1s);
  EXPECT_EQ(s.effective_interval(), 5s);
  EXPECT_EQ(s.deadline(), t0 + 6s);
}

TEST_F(SessionTest, RegisterRejectCountsAgainstRegistrationRetries) {
  connect();
  ASSERT_TRUE(s.promote(t0).ok());
  s.take_output();
  rx(RegisterReject{"unknown device"}, t0 + 1s);
  EXPECT_EQ(only<Register>(sent()).size(), 1u) << "second attempt";
  rx(RegisterReject{"unknown device"}, t0 + 2s);
  EXPECT_EQ(only<Register>(sent()).size(), 1u) << "third attempt";
  EXPECT_EQ(s.state(), SessionState::registering);
  rx(RegisterReject{"unknown device"}, t0 + 3s);
  EXPECT_EQ(s.state(), SessionState::down);
  auto d = events_of<session_event::Down>(s);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].reason, DownReason::rejected);
  EXPECT_EQ(s.counters().register_rejects, 3u);
}

TEST_F(SessionTest, RegistrationTimeoutIsAFailedAttempt) {
  connect();
  ASSERT_TRUE(s.promote(t0).ok());
  s.take_output();
  EXPECT_EQ(s.deadline(), t0 + 3s);
  s.on_timer(t0 + 3s);
  EXPECT_EQ(only<Register>(sent()).size(), 1u);
  s.on_timer(t0 + 6s);
  s.on_timer(t0 + 9s);
  EXPECT_EQ(s.state(), SessionState::down);
  EXPECT_EQ(events_of<session_event::Down>(s)[0].reason, DownReason::rejected);
}

TEST_F(SessionTest, CapabilitiesReqIsAnsweredWithCapabilitiesRes) {
  registered();
  rx(CapabilitiesReq{}, t0 + 1s);
  auto res = only<CapabilitiesRes>(sent());
  ASSERT_EQ(res.size(), 1u);
  EXPECT_EQ(res[0].caps[0].payload, kPayloadG711Ulaw64k);
}

TEST_F(SessionTest, ResetReRegistersEveryDevice) {
  registered();
  rx(Reset{1}, t0 + 5s);
  EXPECT_EQ(s.state(), SessionState::registering);
  auto regs = only<Register>(sent());
  ASSERT_EQ(regs.size(), 1u);
  EXPECT_EQ(regs[0].device_name, "CFB1");
}

TEST_F(SessionTest, ShutdownSendsUnregisterPerDeviceAndFinishesOnAcks) {
  registered();
  s.shutdown(t0 + 1s);
  EXPECT_EQ(only<Unregister>(sent()).size(), 2u);
  EXPECT_EQ(s.state(), SessionState::unregistering);
  rx(UnregisterAck{0}, t0 + 1s);
  EXPECT_EQ(s.state(), SessionState::unregistering);
  rx(UnregisterAck{0}, t0 + 1s);
  EXPECT_EQ(s.state(), SessionState::idle);
  EXPECT_EQ(events_of<session_event::Finished>(s).size(), 1u);
}

TEST_F(SessionTest, ShutdownWaitForUnregisterAckIsBounded) {
  registered();
  s.shutdown(t0 + 1s);
  EXPECT_EQ(s.deadline(), t0 + 4s);
  s.on_timer(t0 + 4s);
  EXPECT_EQ(s.state(), SessionState::idle);
  EXPECT_EQ(events_of<session_event::Finished>(s).size(), 1u);
}

TEST_F(SessionTest, DemoteUnregistersAndStaysAsStandby) {
  registered(10, 20);
  ASSERT_TRUE(s.demote(t0 + 1s).ok());
  EXPECT_EQ(only<Unregister>(sent()).size(), 2u);
  rx(UnregisterAck{0}, t0 + 1s);
  rx(UnregisterAck{0}, t0 + 1s);
  EXPECT_EQ(s.state(), SessionState::standby);
  EXPECT_EQ(events_of<session_event::Unregistered>(s).size(), 1u);
  EXPECT_EQ(s.effective_interval(), 30s) << "its own RegisterAck no longer applies";
}

TEST_F(SessionTest, ClosedAndRefusedAreDownReasons) {
  connect();
  ASSERT_TRUE(s.on_closed(t0).ok());
  EXPECT_EQ(events_of<session_event::Down>(s).back().reason, DownReason::closed);
  ASSERT_TRUE(s.open(t0).ok());
  ASSERT_TRUE(s.on_connect_failed(t0).ok());
  EXPECT_EQ(events_of<session_event::Down>(s).back().reason, DownReason::refused);
}

TEST_F(SessionTest, ImpossibleInputIsRefusedNamingInputAndState) {
  auto st = s.on_connected(t0);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "connected in state idle");
  EXPECT_EQ(s.state(), SessionState::idle);
  EXPECT_FALSE(s.promote(t0).ok());
}

TEST_F(SessionTest, UnknownIdsAreCountedAndIgnored) {
  connect();
  rx(Unknown{0x4321}, t0);
  EXPECT_EQ(s.counters().unknown, 1u);
  EXPECT_EQ(s.state(), SessionState::standby);
}

TEST_F(SessionTest, FramingErrorTakesTheSessionDown) {
  connect();
  s.on_bytes(t0, std::string("\xff\xff\xff\xff\0\0\0\0\0\0\0\0", 12));
  EXPECT_EQ(s.state(), SessionState::down);
  EXPECT_EQ(s.counters().malformed, 1u);
}

TEST_F(SessionTest, MalformedFrameIsCountedAndSkipped) {
  connect();
  std::string bad = encode(Reset{1}).substr(0, 12);
  bad[0] = 4;  // Reset with no body: decodes as short_body
  s.on_bytes(t0, bad + encode(KeepAliveAck{}));
  EXPECT_EQ(s.counters().malformed, 1u);
  EXPECT_EQ(s.unacked(), 0u);
}

}  // namespace
}  // namespace gw::sccp
