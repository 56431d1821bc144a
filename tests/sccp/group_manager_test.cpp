// GroupManager against fake CallManagers on a fake clock: every method and counter.
#include "sccp/group_manager.hpp"

#include <gtest/gtest.h>

#include <map>

#include "wire.hpp"

namespace gw::sccp {
namespace {

using namespace std::chrono_literals;
using test::only;
using test::parse_all;

// A CallManager as the tests want it to behave; the harness answers for it at once.
struct FakeCcm {
  bool listening = true;  // false: connections refused
  bool ack_keepalive = true;
  bool answer_register = true;  // RegisterAck (or RegisterReject when reject)
  bool reject = false;
  bool ack_unregister = true;
  std::uint32_t interval = 0, secondary = 0;
  bool connected = false;
  std::vector<Message> rx;  // everything received
  std::vector<TimePoint> opens;
  int closes = 0;
};

class Group : public ::testing::Test {
 protected:
  FakeClock clock;
  TimePoint t0 = clock.now();
  std::map<std::uint32_t, FakeCcm> ccm;
  std::vector<GroupEvent> events;
  std::unique_ptr<GroupManager> gm;

  GroupConfig config(GroupPolicy p = {}) {
    GroupConfig c;
    c.group = 7;
    c.policy = p;
    c.ccms = {{3, "10.0.0.3", 2000, 3}, {1, "10.0.0.1", 2000, 1}, {2, "10.0.0.2", 2001, 2}};
    c.devices = {{"CFB1", kDeviceTypeConference, 4}, {"MTP1", kDeviceTypeMtp, 8}};
    return c;
  }
  void start(GroupPolicy p = {}) {
    for (auto id : {1u, 2u, 3u}) ccm[id];
    gm = std::make_unique<GroupManager>(config(p));
    gm->start(clock.now());
    pump();
  }
  TimePoint now() const { return clock.now(); }

  // Plays the network and the CCMs until nothing moves.
  void pump() {
    for (int guard = 0; guard < 1000; ++guard) {
      auto acts = gm->take_actions();
      for (auto& e : gm->take_events()) events.push_back(e);
      if (acts.empty()) return;
      for (auto& a : acts) {
        if (auto* o = std::get_if<group_action::Open>(&a)) {
          FakeCcm& c = ccm[o->ccm];
          c.opens.push_back(now());
          if (c.listening) {
            c.connected = true;
            gm->on_connected(o->ccm, now());
          } else {
            gm->on_connect_failed(o->ccm, now());
          }
        } else if (auto* cl = std::get_if<group_action::Close>(&a)) {
          ccm[cl->ccm].connected = false;
          ++ccm[cl->ccm].closes;
        } else if (auto* s = std::get_if<group_action::Send>(&a)) {
          FakeCcm& c = ccm[s->ccm];
          if (!c.connected) continue;
          for (auto& m : parse_all(s->bytes)) {
            c.rx.push_back(m);
            answer(s->ccm, c, m);
          }
        }
      }
    }
    FAIL() << "pump did not settle";
  }
  void answer(std::uint32_t id, FakeCcm& c, const Message& m) {
    if (std::holds_alternative<KeepAlive>(m) && c.ack_keepalive) {
      gm->on_bytes(id, encode(KeepAliveAck{}), now());
    } else if (std::holds_alternative<Register>(m) && c.answer_register) {
      if (c.reject)
        gm->on_bytes(id, encode(RegisterReject{"rejected"}), now());
      else
        gm->on_bytes(id, encode(RegisterAck{c.interval, "M/D/YA", c.secondary}), now());
    } else if (std::holds_alternative<Unregister>(m) && c.ack_unregister) {
      gm->on_bytes(id, encode(UnregisterAck{0}), now());
    }
  }
  // Advance the clock, firing every deadline on the way at its exact time.
  void advance_to(TimePoint t) {
    while (auto d = gm->deadline()) {
      if (*d > t) break;
      clock.set(std::max(*d, now()));
      gm->on_timer(now());
      pump();
    }
    clock.set(t);
  }
  void advance(Duration d) { advance_to(now() + d); }
  void peer_closes(std::uint32_t id) {
    ccm[id].connected = false;
    gm->on_closed(id, now());
    pump();
  }
  void send_from(std::uint32_t id, const Message& m) {
    gm->on_bytes(id, encode(m), now());
    pump();
  }
  template <class T>
  std::vector<T> ev() const {
    std::vector<T> out;
    for (auto& e : events)
      if (auto* t = std::get_if<T>(&e)) out.push_back(*t);
    return out;
  }
  std::vector<Register> registers(std::uint32_t id) { return only<Register>(ccm[id].rx); }
  const CcmSnapshot& row(std::uint32_t id) {
    snap = gm->snapshot();
    for (auto& r : snap.ccms)
      if (r.identifier == id) return r;
    throw std::runtime_error("no row");
  }
  GroupSnapshot snap;
};

TEST_F(Group, RegistersDevicesOnPriorityOneAndKeepsPriorityTwoAsStandby) {
  start();
  EXPECT_EQ(gm->active(), 1u);
  auto regs = registers(1);
  ASSERT_EQ(regs.size(), 2u);
  EXPECT_EQ(regs[0].device_name, "CFB1");
  EXPECT_EQ(regs[0].device_type, 50u);
  EXPECT_EQ(regs[1].device_name, "MTP1");
  EXPECT_EQ(regs[1].device_type, 110u);
  EXPECT_TRUE(registers(2).empty()) << "standby never registers";
  EXPECT_FALSE(only<KeepAlive>(ccm[2].rx).empty());
  EXPECT_FALSE(ccm[3].connected) << "beyond the standby: closed";
  auto r = ev<group_event::Registered>();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].group, 7u);
  EXPECT_EQ(r[0].ccm, 1u);
  EXPECT_EQ(r[0].device, "CFB1");
  EXPECT_EQ(row(1).role, CcmRole::active);
  EXPECT_EQ(row(2).role, CcmRole::standby);
  EXPECT_EQ(row(2).address, "10.0.0.2:2001");
  EXPECT_EQ(snap.ccms[0].identifier, 1u) << "snapshot in priority order";
}

TEST_F(Group, RegisterAckIntervalOverridesAndStandbyUsesSecondaryInterval) {
  ccm[1].interval = 10;
  ccm[1].secondary = 20;
  start();
  EXPECT_EQ(row(1).configured_keepalive, 30s);
  EXPECT_EQ(row(1).effective_keepalive, 10s);
  EXPECT_EQ(row(2).effective_keepalive, 20s);
  EXPECT_EQ(ev<group_event::Registered>()[0].keepalive_interval, 10s);
  EXPECT_EQ(ev<group_event::Registered>()[0].received_interval_s, 10u);
}

TEST_F(Group, ActiveDownAfterExactlyRetriesTimesIntervalThenSwitchover) {
  start();
  ccm[1].ack_keepalive = false;  // first unacked KeepAlive goes out at t0 + 30 s
  advance_to(t0 + 30s + 90s - 1ms);
  EXPECT_TRUE(ev<group_event::Down>().empty());
  EXPECT_EQ(row(1).unacked, 3u);
  advance_to(t0 + 120s);
  auto d = ev<group_event::Down>();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].ccm, 1u);
  EXPECT_EQ(d[0].reason, DownReason::keepalive);
  EXPECT_FALSE(ccm[1].connected) << "the gateway closes a dead connection";
  auto so = ev<group_event::Switchover>();
  ASSERT_EQ(so.size(), 1u);
  EXPECT_EQ(so[0].from, 1u);
  EXPECT_EQ(so[0].to, 2u);
  EXPECT_EQ(registers(2).size(), 2u);
  EXPECT_EQ(gm->active(), 2u);
}

TEST_F(Group, CloseCausesImmediateSwitchoverAndANewStandby) {
  start();
  advance(5s);
  peer_closes(1);
  ASSERT_EQ(ev<group_event::Down>().size(), 1u);
  EXPECT_EQ(ev<group_event::Down>()[0].reason, DownReason::closed);
  ASSERT_EQ(ev<group_event::Switchover>().size(), 1u);
  EXPECT_EQ(gm->active(), 2u);
  EXPECT_EQ(registers(2).size(), 2u);
  EXPECT_TRUE(ccm[3].connected) << "next CCM becomes the standby";
  EXPECT_EQ(row(1).role, CcmRole::down);
}

TEST_F(Group, GracefulSwitchoverWaitsForCallsImmediateDoesNot) {
  start();
  gm->set_active_calls(1, now());
  peer_closes(1);
  EXPECT_TRUE(ev<group_event::Switchover>().empty());
  EXPECT_FALSE(gm->active().has_value());
  gm->set_active_calls(0, now());
  pump();
  EXPECT_EQ(ev<group_event::Switchover>().size(), 1u);

  events.clear();
  ccm.clear();
  GroupPolicy p;
  p.switchover = SwitchoverMethod::immediate;
  start(p);
  gm->set_active_calls(1, now());
  peer_closes(1);
  EXPECT_EQ(ev<group_event::Switchover>().size(), 1u);
}

// After a switchover to CCM 2, CCM 1 is retried every connect interval; it answers with a
// KeepAliveAck on its new connection at `answered`.
class Switchback : public Group {
 protected:
  TimePoint answered;
  void lose_primary_and_recover(GroupPolicy p) {
    start(p);
    ccm[1].listening = false;
    peer_closes(1);  // t0: switchover to 2; CCM 1 retried at t0 + 60 s
    ASSERT_EQ(gm->active(), 2u);
    advance_to(t0 + 60s);
    ASSERT_EQ(ccm[1].opens.size(), 2u);
    EXPECT_EQ(ccm[1].opens[1], t0 + 60s);
    ccm[1].listening = true;
    advance_to(t0 + 120s - 1ms);
    EXPECT_EQ(ccm[1].opens.size(), 2u) << "not before connect interval";
    advance_to(t0 + 120s);
    answered = t0 + 120s;
    ASSERT_EQ(ccm[1].opens.size(), 3u);
  }
  void expect_switched_back_at(TimePoint t) {
    auto sb = ev<group_event::Switchback>();
    ASSERT_EQ(sb.size(), 1u);
    EXPECT_EQ(sb[0].from, 2u);
    EXPECT_EQ(sb[0].to, 1u);
    EXPECT_EQ(gm->active(), 1u);
    EXPECT_EQ(now(), t);
    EXPECT_EQ(only<Unregister>(ccm[2].rx).size(), 2u) << "old active unregisters";
    EXPECT_TRUE(ccm[2].connected) << "and stays as standby";
    EXPECT_EQ(registers(1).size(), 4u);
  }
  // Starts the group over at t0 with one call active, then CCM 1 (the active) closes; it
  // reconnects and answers at t0 + 60 s. Switchover immediate, so the call does not hold it.
  void restart_with_a_call_and_lose_primary(GroupPolicy p) {
    events.clear();
    ccm.clear();
    clock.set(t0);
    p.switchover = SwitchoverMethod::immediate;
    start(p);
    gm->set_active_calls(1, now());
    peer_closes(1);
  }
};

TEST_F(Switchback, ImmediateWhenTheCcmAnswers) {
  GroupPolicy p;
  p.switchback = SwitchbackMethod::immediate;
  lose_primary_and_recover(p);
  expect_switched_back_at(answered);
}

TEST_F(Switchback, NoAnswerNoSwitchback) {
  GroupPolicy p;
  p.switchback = SwitchbackMethod::immediate;
  ccm[1].ack_keepalive = false;
  start(p);
  ccm[1].listening = false;
  peer_closes(1);
  ccm[1].listening = true;
  advance_to(t0 + 61s);
  EXPECT_TRUE(ccm[1].connected) << "connected again";
  EXPECT_TRUE(ev<group_event::Switchback>().empty()) << "an accepted connection is no answer";
}

TEST_F(Switchback, GracefulWaitsForNoActiveCalls) {
  GroupPolicy p;
  p.switchback = SwitchbackMethod::graceful;
  lose_primary_and_recover(p);
  expect_switched_back_at(answered);  // no calls: at once

  restart_with_a_call_and_lose_primary(p);
  advance_to(t0 + 3600s);
  EXPECT_TRUE(ev<group_event::Switchback>().empty());
  gm->set_active_calls(0, now());
  pump();
  EXPECT_EQ(ev<group_event::Switchback>().size(), 1u);
}

TEST_F(Switchback, GuardWhenIdleOrAfterTheGuardTimeAtMost) {
  GroupPolicy p;  // default method guard, 7200 s
  lose_primary_and_recover(p);
  expect_switched_back_at(answered);  // idle: at once

  restart_with_a_call_and_lose_primary(p);
  advance_to(t0 + 60s + 7200s - 1ms);
  EXPECT_TRUE(ev<group_event::Switchback>().empty());
  advance_to(t0 + 60s + 7200s);
  EXPECT_EQ(ev<group_event::Switchback>().size(), 1u);
  EXPECT_EQ(gm->active(), 1u);
}

TEST_F(Switchback, UptimeAfterTheCcmStayedUpTheSwitchbackInterval) {
  GroupPolicy p;
  p.switchback = SwitchbackMethod::uptime;
  p.switchback_interval = 45s;
  lose_primary_and_recover(p);
  advance_to(answered + 45s - 1ms);
  EXPECT_TRUE(ev<group_event::Switchback>().empty());
  advance_to(answered + 45s);
  expect_switched_back_at(answered + 45s);
}

TEST_F(Group, AllDownReconnectEveryConnectIntervalAndReportAfterConnectRetries) {
  for (auto id : {1u, 2u, 3u}) ccm[id].listening = false;
  start();
  advance_to(t0 + 60s - 1ms);
  EXPECT_TRUE(ev<group_event::Down>().empty()) << "connect retries 3: not yet";
  advance_to(t0 + 120s);
  auto d = ev<group_event::Down>();
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].reason, DownReason::refused);
  advance_to(t0 + 300s);
  for (auto id : {1u, 2u, 3u}) {
    ASSERT_EQ(ccm[id].opens.size(), 6u) << id;
    for (std::size_t k = 0; k < 6; ++k) EXPECT_EQ(ccm[id].opens[k], t0 + k * 60s);
  }
  EXPECT_EQ(ev<group_event::Down>().size(), 3u) << "reported once";
  EXPECT_EQ(row(2).role, CcmRole::down);
  ccm[2].listening = true;
  advance_to(t0 + 360s);
  EXPECT_EQ(gm->active(), 2u);
  EXPECT_EQ(registers(2).size(), 2u);
  EXPECT_TRUE(ev<group_event::Switchover>().empty()) << "nothing was active before";
}

TEST_F(Group, RegisterRejectsCountThenTheCcmIsDownAndRegistrationMovesOn) {
  ccm[1].reject = true;
  start();
  EXPECT_EQ(registers(1).size(), 3u) << "registration retries 3";
  auto d = ev<group_event::Down>();
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].reason, DownReason::rejected);
  EXPECT_FALSE(ccm[1].connected);
  EXPECT_EQ(gm->active(), 2u);
  EXPECT_EQ(row(1).counters.register_rejects, 3u);
}

TEST_F(Group, CapabilitiesReqIsAnswered) {
  start();
  send_from(1, CapabilitiesReq{});
  EXPECT_EQ(only<CapabilitiesRes>(ccm[1].rx).size(), 1u);
}

TEST_F(Group, ResetReRegisters) {
  start();
  send_from(1, Reset{2});
  EXPECT_EQ(registers(1).size(), 4u);
  EXPECT_EQ(ev<group_event::Registered>().size(), 4u);
  EXPECT_EQ(gm->active(), 1u);
}

TEST_F(Group, ShutdownUnregistersAndClosesEverything) {
  start();
  gm->shutdown(now());
  pump();
  EXPECT_EQ(only<Unregister>(ccm[1].rx).size(), 2u);
  EXPECT_TRUE(only<Unregister>(ccm[2].rx).empty());
  EXPECT_TRUE(gm->finished());
  EXPECT_FALSE(ccm[1].connected);
  EXPECT_FALSE(ccm[2].connected);
}

TEST_F(Group, ShutdownWaitIsBoundedWhenUnregisterAckNeverComes) {
  ccm[1].ack_unregister = false;
  start();
  gm->shutdown(now());
  pump();
  EXPECT_FALSE(gm->finished());
  EXPECT_EQ(gm->deadline(), now() + 3s);
  advance(3s);
  EXPECT_TRUE(gm->finished());
  EXPECT_FALSE(ccm[1].connected);
}

TEST_F(Group, InputsForUnknownOrClosedConnectionsAreIgnored) {
  start();
  gm->on_bytes(99, encode(KeepAliveAck{}), now());
  gm->on_closed(3, now());  // CCM 3 was closed by the manager already
  pump();
  EXPECT_TRUE(ev<group_event::Down>().empty());
}

}  // namespace
}  // namespace gw::sccp
