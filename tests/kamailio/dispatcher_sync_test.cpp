// DispatcherSync on a fake clock: what goes to Kamailio, when, and what it reports.
#include "kamailio/dispatcher_sync.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::kamailio {
namespace {

using namespace std::chrono_literals;

const Destination kT1{1, "sip:127.0.0.1:5081"};
const Destination kT2{1, "sip:127.0.0.1:5082"};

std::string list_body(std::uint64_t id, const char* flags1, const char* flags2) {
  return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
         R"(,"result":{"NRSETS":1,"RECORDS":[{"SET":{"ID":1,"TARGETS":[)" +
         R"({"DEST":{"URI":"sip:127.0.0.1:5081","FLAGS":")" + flags1 + R"("}},)" +
         R"({"DEST":{"URI":"sip:127.0.0.1:5082","FLAGS":")" + flags2 + R"("}}]}}]}})";
}

Answer ok(std::uint64_t id, std::string body) {
  Answer a;
  a.id = id;
  a.delivered = true;
  a.http_status = 200;
  a.body = std::move(body);
  a.latency = 300us;
  return a;
}

Answer ok_set(std::uint64_t id) {
  return ok(id, R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + "}");
}

Answer refused(std::uint64_t id) {
  Answer a;
  a.id = id;
  a.error = "connection refused";
  return a;
}

class DispatcherSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sync_.configure({{10, kT1}, {20, kT2}}, policy_, clock_.now());
    // At start: a list; Kamailio holds both active, as gatewatch wants them.
    auto r = sync_.next(clock_.now());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->kind, Request::Kind::list);
    EXPECT_TRUE(sync_.on_answer(ok(r->id, list_body(r->id, "AX", "AX")), clock_.now()).empty());
    EXPECT_EQ(sync_.in_sync(), 2u);
    EXPECT_FALSE(sync_.next(clock_.now()));
  }

  SyncPolicy policy_{10s, 100ms, 400ms};
  FakeClock clock_;
  DispatcherSync sync_;
};

TEST_F(DispatcherSyncTest, ADownVerdictSetsTheDestinationInactive) {
  sync_.verdict(10, false);
  auto r = sync_.next(clock_.now());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->kind, Request::Kind::set_state);
  EXPECT_NE(r->body.find(R"(["i",1,"sip:127.0.0.1:5081"])"), std::string::npos);
  EXPECT_FALSE(sync_.next(clock_.now())) << "one request at a time";
  EXPECT_EQ(sync_.in_sync(), 1u);
  auto ev = sync_.on_answer(ok_set(r->id), clock_.now());
  ASSERT_EQ(ev.size(), 1u);
  const auto& set = std::get<sync_event::SetApplied>(ev[0]);
  EXPECT_EQ(set.dest, kT1);
  EXPECT_EQ(set.state, DsState::inactive);
  EXPECT_EQ(set.dial_peer, 10);
  EXPECT_EQ(sync_.in_sync(), 2u);
  EXPECT_EQ(sync_.counters().states_set, 1u);
}

TEST_F(DispatcherSyncTest, OnlyTheLatestWantedStateGoesOut) {
  sync_.verdict(10, false);
  sync_.verdict(10, true);
  sync_.verdict(10, false);
  auto r = sync_.next(clock_.now());
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find(R"("i")"), std::string::npos);
  sync_.on_answer(ok_set(r->id), clock_.now());
  EXPECT_FALSE(sync_.next(clock_.now()));
  // Down and up again before anything went out: nothing to send at all.
  sync_.verdict(20, false);
  sync_.verdict(20, true);
  EXPECT_FALSE(sync_.next(clock_.now()));
}

TEST_F(DispatcherSyncTest, AVerdictWhileInFlightIsSentAfterTheAnswer) {
  sync_.verdict(10, false);
  auto r = sync_.next(clock_.now());
  sync_.verdict(10, true);
  EXPECT_FALSE(sync_.next(clock_.now()));
  sync_.on_answer(ok_set(r->id), clock_.now());
  auto again = sync_.next(clock_.now());
  ASSERT_TRUE(again);
  EXPECT_NE(again->body.find(R"(["a",1,"sip:127.0.0.1:5081"])"), std::string::npos);
}

TEST_F(DispatcherSyncTest, RpcDownBacksOffThenUpResendsAndRelists) {
  sync_.verdict(10, false);
  auto r = sync_.next(clock_.now());
  auto ev = sync_.on_answer(refused(r->id), clock_.now());
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<sync_event::RpcDown>(ev[0]).error, "connection refused");
  EXPECT_FALSE(sync_.reachable());
  EXPECT_FALSE(sync_.next(clock_.now() + 99ms)) << "backoff 100 ms";
  EXPECT_EQ(sync_.wakeup(), clock_.now() + 100ms);
  clock_.advance(100ms);
  r = sync_.next(clock_.now());
  ASSERT_TRUE(r);
  EXPECT_TRUE(sync_.on_answer(refused(r->id), clock_.now()).empty()) << "down once";
  EXPECT_EQ(sync_.wakeup(), clock_.now() + 200ms) << "doubled";
  clock_.advance(200ms);
  r = sync_.next(clock_.now());
  sync_.on_answer(refused(r->id), clock_.now());
  EXPECT_EQ(sync_.wakeup(), clock_.now() + 400ms) << "capped at backoff_max";
  clock_.advance(400ms);
  r = sync_.next(clock_.now());
  sync_.on_answer(refused(r->id), clock_.now());
  EXPECT_EQ(sync_.wakeup(), clock_.now() + 400ms);
  clock_.advance(400ms);
  r = sync_.next(clock_.now());
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find(R"("i")"), std::string::npos) << "the set_state is sent again";
  ev = sync_.on_answer(ok_set(r->id), clock_.now());
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<sync_event::RpcUp>(ev[0]));
  EXPECT_TRUE(std::holds_alternative<sync_event::SetApplied>(ev[1]));
  auto list = sync_.next(clock_.now());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind, Request::Kind::list) << "Kamailio may have restarted meanwhile";
  EXPECT_EQ(sync_.counters().failures, 4u);
}

TEST_F(DispatcherSyncTest, ResyncCorrectsARestartedKamailio) {
  sync_.verdict(20, false);
  auto r = sync_.next(clock_.now());
  sync_.on_answer(ok_set(r->id), clock_.now());
  EXPECT_EQ(sync_.wakeup(), clock_.now() + 10s);
  clock_.advance(10s);
  auto list = sync_.next(clock_.now());
  ASSERT_TRUE(list);
  ASSERT_EQ(list->kind, Request::Kind::list);
  // Restarted: both active again.
  sync_.on_answer(ok(list->id, list_body(list->id, "AX", "AX")), clock_.now());
  EXPECT_EQ(sync_.in_sync(), 1u);
  auto fix = sync_.next(clock_.now());
  ASSERT_TRUE(fix);
  EXPECT_NE(fix->body.find(R"(["i",1,"sip:127.0.0.1:5082"])"), std::string::npos);
}

TEST_F(DispatcherSyncTest, AbsentDestinationsAreMissingNotRetried) {
  clock_.advance(10s);
  auto list = sync_.next(clock_.now());
  const std::string only_t1 = R"({"jsonrpc":"2.0","id":)" + std::to_string(list->id) +
                              R"(,"result":{"RECORDS":[{"SET":{"ID":1,"TARGETS":[)"
                              R"({"DEST":{"URI":"sip:127.0.0.1:5081","FLAGS":"AX"}}]}}]}})";
  auto ev = sync_.on_answer(ok(list->id, only_t1), clock_.now());
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<sync_event::Missing>(ev[0]).dest, kT2);
  EXPECT_EQ(sync_.missing(), 1u);
  sync_.verdict(20, false);
  EXPECT_FALSE(sync_.next(clock_.now())) << "a missing destination is not sent";
}

TEST_F(DispatcherSyncTest, AnRpcErrorToSetStateMakesItMissing) {
  sync_.verdict(10, false);
  auto r = sync_.next(clock_.now());
  auto ev =
      sync_.on_answer(ok(r->id, R"({"jsonrpc":"2.0","id":)" + std::to_string(r->id) +
                                    R"(,"error":{"code":500,"message":"Destination not found"}})"),
                      clock_.now());
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<sync_event::Missing>(ev[0]));
  EXPECT_TRUE(sync_.reachable());
  EXPECT_EQ(sync_.counters().rpc_errors, 1u);
  EXPECT_EQ(sync_.last_error(), "500 Destination not found");
  EXPECT_FALSE(sync_.next(clock_.now()));
}

TEST_F(DispatcherSyncTest, GarbageAndHttpErrorsAreRpcFailures) {
  sync_.verdict(10, false);
  auto r = sync_.next(clock_.now());
  auto bad = ok(r->id, "<html>oops</html>");
  auto ev = sync_.on_answer(bad, clock_.now());
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(std::get<sync_event::RpcDown>(ev[0]).error, "answer is not JSON");
  clock_.advance(1s);
  r = sync_.next(clock_.now());
  auto http = ok(r->id, "<html>404</html>");
  http.http_status = 404;
  sync_.on_answer(http, clock_.now());
  EXPECT_EQ(sync_.last_error(), "HTTP 404");
  EXPECT_EQ(sync_.counters().failures, 2u);
}

TEST_F(DispatcherSyncTest, ReconfigureKeepsKnownStatesAndDropsStaleAnswers) {
  sync_.verdict(10, false);
  auto r = sync_.next(clock_.now());
  sync_.configure({{10, kT1, false}, {30, {2, "sip:10.0.0.1:5060"}}}, policy_, clock_.now());
  EXPECT_TRUE(sync_.on_answer(ok_set(r->id), clock_.now()).empty()) << "stale";
  EXPECT_EQ(sync_.size(), 2u);
  auto list = sync_.next(clock_.now());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->kind, Request::Kind::list);
}

TEST(DispatcherSync, ADestinationOfTwoDialPeersIsInactiveWhileEitherIsDown) {
  FakeClock clock;
  DispatcherSync sync;
  sync.configure({{1, kT1}, {2, kT1}}, {}, clock.now());
  auto list = sync.next(clock.now());
  sync.on_answer(ok(list->id, list_body(list->id, "AX", "AX")), clock.now());
  sync.verdict(1, false);
  auto r = sync.next(clock.now());
  ASSERT_TRUE(r);
  sync.on_answer(ok_set(r->id), clock.now());
  sync.verdict(2, false);
  sync.verdict(1, true);
  EXPECT_FALSE(sync.next(clock.now())) << "2 is still down";
  sync.verdict(2, true);
  r = sync.next(clock.now());
  ASSERT_TRUE(r);
  EXPECT_NE(r->body.find(R"("a")"), std::string::npos);
}

TEST_F(DispatcherSyncTest, NoDestinationSetsMeansEveryOneIsMissing) {
  clock_.advance(10s);
  auto list = sync_.next(clock_.now());
  auto none = ok(list->id, R"({"jsonrpc":"2.0","id":)" + std::to_string(list->id) +
                               R"(,"error":{"code":500,"message":"No Destination Sets"}})");
  none.http_status = 500;
  auto ev = sync_.on_answer(none, clock_.now());
  EXPECT_EQ(ev.size(), 2u);
  EXPECT_EQ(sync_.missing(), 2u);
  EXPECT_TRUE(sync_.reachable());
  EXPECT_EQ(sync_.counters().rpc_errors, 0u);
}

TEST_F(DispatcherSyncTest, AListParsedWhereItArrivedIsTakenAsIs) {
  clock_.advance(10s);
  auto list = sync_.next(clock_.now());
  ASSERT_TRUE(list);
  Answer a = ok(list->id, "");  // the body was parsed by the transport and dropped
  a.list = parse_list_answer(list_body(list->id, "IX", "AX"), list->id);
  ASSERT_TRUE(*a.list);
  sync_.on_answer(std::move(a), clock_.now());
  EXPECT_EQ(sync_.counters().lists, 2u);
  auto fix = sync_.next(clock_.now());
  ASSERT_TRUE(fix) << "trunk 1 listed inactive while wanted active";
  EXPECT_NE(fix->body.find(R"(["a",1,"sip:127.0.0.1:5081"])"), std::string::npos);
}

TEST(DispatcherSync, LatencyLandsInItsBucket) {
  FakeClock clock;
  DispatcherSync sync;
  sync.configure({{1, kT1}}, {}, clock.now());
  auto list = sync.next(clock.now());
  auto a =
      ok(list->id, R"({"jsonrpc":"2.0","id":)" + std::to_string(list->id) + R"(,"result":{}})");
  a.latency = 7ms;
  sync.on_answer(a, clock.now());
  EXPECT_EQ(sync.counters().latency[3], 1u);  // (5, 10] ms
  EXPECT_EQ(sync.counters().lists, 1u);
}

}  // namespace
}  // namespace gw::kamailio
