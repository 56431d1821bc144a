// DispatcherSync with server-group member bindings: a member's verdict moves its destinations
// only; a dial-peer verdict does not move a member's binding.
#include <gtest/gtest.h>

#include <string>

#include "kamailio/dispatcher_sync.hpp"

namespace gw::kamailio {
namespace {

using namespace std::chrono_literals;

const Destination kM1{1, "sip:10.0.0.1:5060"};
const Destination kM2{1, "sip:10.0.0.2:5060"};
const Destination kT3{2, "sip:127.0.0.1:5083"};
const std::string kKey1 = "7 10.0.0.1:5060 udp";
const std::string kKey2 = "7 10.0.0.2:5060 udp";

std::string list_body(std::uint64_t id) {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
         R"(,"result":{"NRSETS":2,"RECORDS":[{"SET":{"ID":1,"TARGETS":[)"
         R"({"DEST":{"URI":"sip:10.0.0.1:5060","FLAGS":"AX"}},)"
         R"({"DEST":{"URI":"sip:10.0.0.2:5060","FLAGS":"AX"}}]}},)"
         R"({"SET":{"ID":2,"TARGETS":[{"DEST":{"URI":"sip:127.0.0.1:5083","FLAGS":"AX"}}]}}]}})";
}

Answer ok(std::uint64_t id, std::string body) {
  Answer a;
  a.id = id;
  a.delivered = true;
  a.http_status = 200;
  a.body = std::move(body);
  return a;
}

class DispatcherSyncMemberTest : public ::testing::Test {
 protected:
  void start(bool member1_up) {
    // Dial-peers 1 and 2 share server group 7 (both bind set 1); dial-peer 3 is plain.
    sync_.configure({{1, kM1, member1_up, kKey1},
                     {1, kM2, true, kKey2},
                     {2, kM1, member1_up, kKey1},
                     {2, kM2, true, kKey2},
                     {3, kT3, true, {}}},
                    policy_, clock_.now());
    auto r = sync_.next(clock_.now());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->kind, Request::Kind::list);
    sync_.on_answer(ok(r->id, list_body(r->id)), clock_.now());
  }
  // The one set_state that goes out next, answered: its event.
  sync_event::SetApplied set_next() {
    auto r = sync_.next(clock_.now());
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->kind, Request::Kind::set_state);
    auto ev = sync_.on_answer(ok(r->id, R"({"jsonrpc":"2.0","id":)" + std::to_string(r->id) + "}"),
                              clock_.now());
    EXPECT_EQ(ev.size(), 1u);
    return ev.empty() ? sync_event::SetApplied{} : std::get<sync_event::SetApplied>(ev[0]);
  }

  SyncPolicy policy_{10s, 100ms, 400ms};
  FakeClock clock_;
  DispatcherSync sync_;
};

TEST_F(DispatcherSyncMemberTest, AMemberVerdictMovesItsDestinationOnly) {
  start(true);
  EXPECT_EQ(sync_.size(), 3u) << "a destination shared by two dial-peers is one";
  EXPECT_EQ(sync_.in_sync(), 3u);
  sync_.member_verdict(kKey1, false);
  sync_.member_verdict(kKey1, false);  // repeated: still one request
  auto set = set_next();
  EXPECT_EQ(set.dest, kM1);
  EXPECT_EQ(set.state, DsState::inactive);
  EXPECT_EQ(set.dial_peer, 1) << "the first dial-peer bound to that member";
  EXPECT_FALSE(sync_.next(clock_.now())) << "the other member stays active";
  EXPECT_EQ(sync_.in_sync(), 3u);
  sync_.member_verdict(kKey1, true);
  set = set_next();
  EXPECT_EQ(set.dest, kM1);
  EXPECT_EQ(set.state, DsState::active);
}

TEST_F(DispatcherSyncMemberTest, ADialPeerVerdictDoesNotMoveMemberBindings) {
  start(true);
  sync_.verdict(1, false);  // dial-peer 1 busyout: its members follow their own verdicts
  EXPECT_FALSE(sync_.next(clock_.now()));
  sync_.member_verdict("7 10.0.0.9:5060 udp", false);  // not bound
  EXPECT_FALSE(sync_.next(clock_.now()));
  sync_.verdict(3, false);
  EXPECT_EQ(set_next().dest, kT3);
}

TEST_F(DispatcherSyncMemberTest, AMemberBoundDownStartsInactiveAndTheListCorrectsIt) {
  start(false);
  auto set = set_next();
  EXPECT_EQ(set.dest, kM1);
  EXPECT_EQ(set.state, DsState::inactive);
  EXPECT_FALSE(sync_.next(clock_.now()));
  ASSERT_EQ(sync_.destinations()[0].members, std::vector<std::string>{kKey1});
  EXPECT_EQ(sync_.destinations()[0].dial_peers, (std::vector<long>{1, 2}));
}

}  // namespace
}  // namespace gw::kamailio
