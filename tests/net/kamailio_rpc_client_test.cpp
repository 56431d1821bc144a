// KamailioRpcClient against a local HTTP server standing in for Kamailio's jsonrpcs: answers
// arrive on the io_context, one connection serves many requests, and refused, slow and oversized
// answers end as failures rather than blocking or growing.
#include "net/kamailio_rpc_client.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>

#include "fake_json_rpc.hpp"
#include "test_support.hpp"

namespace gw::net {
namespace {

using namespace std::chrono_literals;

kamailio::Request list(std::uint64_t id) {
  return {id, kamailio::Request::Kind::list, kamailio::list_request(id)};
}

TEST(KamailioRpcClient, AnswersComeBackOnTheIoContextOverOneConnection) {
  gw::test::FakeJsonRpc kam([](const httplib::Request& req, httplib::Response& res) {
    const auto id = nlohmann::json::parse(req.body).at("id").get<int>();
    res.set_content(R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"result":{}})",
                    "application/json");
    EXPECT_NE(req.body.find("dispatcher.list"), std::string::npos);
  });
  asio::io_context io;
  std::vector<kamailio::Answer> answers;
  const auto io_thread = std::this_thread::get_id();
  KamailioRpcClient client(io, [&](kamailio::Answer a) {
    EXPECT_EQ(std::this_thread::get_id(), io_thread);
    answers.push_back(std::move(a));
  });
  client.set_url(kamailio::parse_rpc_url(kam.url()).value());
  for (std::uint64_t id = 1; id <= 5; ++id) {
    client.send(list(id));
    ASSERT_TRUE(test::run_until(
        io, [&] { return answers.size() == id; }, 5s));
    EXPECT_TRUE(answers.back().delivered) << answers.back().error;
    EXPECT_EQ(answers.back().id, id);
    EXPECT_EQ(answers.back().http_status, 200);
    ASSERT_TRUE(answers.back().list) << "a list arrives parsed, off the io thread";
    EXPECT_TRUE(*answers.back().list);
  }
  EXPECT_EQ(kam.requests(), 5);
  EXPECT_EQ(kam.connections(), 1u) << "kept alive";
}

TEST(KamailioRpcClient, RefusedIsNotDelivered) {
  asio::io_context io;
  std::optional<kamailio::Answer> answer;
  KamailioRpcClient client(io, [&](kamailio::Answer a) { answer = std::move(a); });
  client.set_url(
      kamailio::parse_rpc_url("http://127.0.0.1:" + std::to_string(test::free_port()) + "/RPC")
          .value());
  client.send(list(7));
  ASSERT_TRUE(test::run_until(
      io, [&] { return answer.has_value(); }, 5s));
  EXPECT_FALSE(answer->delivered);
  EXPECT_EQ(answer->id, 7u);
  EXPECT_FALSE(answer->error.empty());
}

TEST(KamailioRpcClient, ASlowAnswerTimesOut) {
  std::atomic<bool> release{false};
  gw::test::FakeJsonRpc kam([&](const httplib::Request&, httplib::Response& res) {
    while (!release) std::this_thread::sleep_for(5ms);  // a hung Kamailio, until the test ends
    res.set_content("{}", "application/json");
  });
  asio::io_context io;
  std::optional<kamailio::Answer> answer;
  KamailioRpcClient client(
      io, [&](kamailio::Answer a) { answer = std::move(a); }, 200ms);
  client.set_url(kamailio::parse_rpc_url(kam.url()).value());
  client.send(list(1));
  ASSERT_TRUE(test::run_until(
      io, [&] { return answer.has_value(); }, 5s));
  release = true;
  EXPECT_FALSE(answer->delivered);
  EXPECT_GE(answer->latency, 200ms);
}

TEST(KamailioRpcClient, AnOversizedAnswerIsCutAtTheBound) {
  gw::test::FakeJsonRpc kam([](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(kamailio::kMaxAnswerBytes + 4096, ' '), "application/json");
  });
  asio::io_context io;
  std::optional<kamailio::Answer> answer;
  KamailioRpcClient client(io, [&](kamailio::Answer a) { answer = std::move(a); });
  client.set_url(kamailio::parse_rpc_url(kam.url()).value());
  client.send(list(1));
  ASSERT_TRUE(test::run_until(
      io, [&] { return answer.has_value(); }, 10s));
  EXPECT_TRUE(answer->delivered);
  // Read no further than one byte past the bound, then refused by the parser on the worker.
  ASSERT_TRUE(answer->list);
  ASSERT_FALSE(*answer->list);
  EXPECT_EQ(answer->list->error().message, "answer too large");
}

TEST(KamailioRpcClient, NoAnswerRunsAfterStop) {
  gw::test::FakeJsonRpc kam([](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  asio::io_context io;
  int answers = 0;
  KamailioRpcClient client(io, [&](kamailio::Answer) { ++answers; });
  client.set_url(kamailio::parse_rpc_url(kam.url()).value());
  client.send(list(1));
  // The io_context does not run until after stop(): whether the worker posted the answer
  // before or after it, the answer must not run.
  while (kam.requests() < 1) std::this_thread::sleep_for(1ms);
  client.stop();
  io.restart();
  io.poll();
  EXPECT_EQ(answers, 0);
}

}  // namespace
}  // namespace gw::net

namespace gw::net {
namespace {

TEST(KamailioRpcClient, StopAbortsARequestInFlight) {
  std::atomic<bool> release{false};
  gw::test::FakeJsonRpc kam([&](const httplib::Request&, httplib::Response& res) {
    while (!release) std::this_thread::sleep_for(5ms);  // a hung Kamailio
    res.set_content("{}", "application/json");
  });
  asio::io_context io;
  KamailioRpcClient client(
      io, [](kamailio::Answer) {}, 60s);
  client.set_url(kamailio::parse_rpc_url(kam.url()).value());
  client.send(list(1));
  while (kam.requests() < 1) std::this_thread::sleep_for(1ms);
  // A stop() that waited for the answer would only return once this watchdog released the
  // server, 20 s later.
  std::atomic<bool> watchdog_released{false};
  std::thread watchdog([&] {
    for (int i = 0; i < 2000 && !release; ++i) std::this_thread::sleep_for(10ms);
    if (!release.exchange(true)) watchdog_released = true;
  });
  client.stop();
  release = true;
  watchdog.join();
  EXPECT_FALSE(watchdog_released);
}

}  // namespace
}  // namespace gw::net
