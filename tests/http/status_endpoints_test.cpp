// StatusEndpoints behind a real MetricsServer on 127.0.0.1: the three routes, their types and
// schema, `since` and the filter, 503 before the first publish.
#include "http/status_endpoints.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "http/metrics_server.hpp"

namespace gw::daemon {
namespace {

using Json = nlohmann::json;

Event dp_down(long tag) {
  return Event{names::kDialPeerDown, {}}
      .with("dial_peer", static_cast<std::int64_t>(tag))
      .with("address", "127.0.0.1:" + std::to_string(5000 + tag))
      .with("transport", "udp")
      .with("reason", "timeout");
}

class StatusEndpointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    status_ = std::make_unique<StatusEndpoints>("1.2.3");
    // A free port: try a few from a pseudo-random base (parallel test runs).
    for (int i = 0; i < 50 && !server_; ++i) {
      const auto port = static_cast<std::uint16_t>(20000 + (::getpid() * 7 + i * 131) % 30000);
      auto m = MetricsServer::start("127.0.0.1", port, status_.get());
      if (m) server_ = std::move(*m);
    }
    ASSERT_TRUE(server_);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  void TearDown() override {
    if (server_) server_->stop();
  }
  Json get_json(const std::string& path, int want_status = 200) {
    auto r = client_->Get(path);
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, want_status) << path;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
    return Json::parse(r->body);
  }

  std::unique_ptr<StatusEndpoints> status_;
  std::unique_ptr<MetricsServer> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(StatusEndpointsTest, StatusIs503BeforeTheFirstPublish) {
  const auto j = get_json("/api/v1/status", 503);
  EXPECT_TRUE(j.contains("error"));
  auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);  // the page says nothing yet and polls
}

TEST_F(StatusEndpointsTest, StatusEventsAndPage) {
  DaemonSnapshot s;
  s.voice_ports.push_back({"0/0/1", "", false, true, true, "keepalive"});
  DialPeerKeepaliveSnapshot dp;
  dp.probed = 5;
  dp.busyout = 3;
  s.dial_peers = dp;
  for (long t : {3, 1, 2}) status_->observe(dp_down(t));
  status_->observe(Event{names::kVoicePortBusyout, {}}.with("port", "0/0/1"));
  status_->publish(s);

  const auto j = get_json("/api/v1/status");
  EXPECT_EQ(j["version"], "1.2.3");
  EXPECT_EQ(j["voice_ports"][0]["busyout"], true);
  EXPECT_EQ(j["dial_peers"]["counts"]["busyout"], 3);
  EXPECT_EQ(j["dial_peers"]["counts"]["active"], 2);
  ASSERT_EQ(j["dial_peers"]["not_active"].size(), 3u);
  EXPECT_EQ(j["dial_peers"]["not_active"][0]["dial_peer"], 1);

  const auto f = get_json("/api/v1/status?filter=5002&limit=10");
  ASSERT_EQ(f["dial_peers"]["not_active"].size(), 1u);
  EXPECT_EQ(f["dial_peers"]["not_active"][0]["dial_peer"], 2);
  EXPECT_EQ(f["dial_peers"]["matched"], 1);
  EXPECT_EQ(f["dial_peers"]["filter"], "5002");
  EXPECT_EQ(get_json("/api/v1/status?limit=1")["dial_peers"]["truncated"], true);

  const auto e = get_json("/api/v1/events?since=0");
  EXPECT_EQ(e["next"], 4);
  ASSERT_EQ(e["events"].size(), 4u);
  EXPECT_EQ(e["events"][0]["event"], "dial-peer.down");
  EXPECT_EQ(e["events"][0]["seq"], 1);
  EXPECT_EQ(e["events"][3]["event"], "voice-port.busyout");
  EXPECT_EQ(get_json("/api/v1/events?since=3")["events"].size(), 1u);
  EXPECT_EQ(get_json("/api/v1/events?since=4")["events"].size(), 0u);
  EXPECT_EQ(get_json("/api/v1/events")["events"].size(), 4u);  // no since: all kept

  auto page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("\"dial_peer\":1"), std::string::npos);
  EXPECT_NE(page->body.find("voice-port.busyout"), std::string::npos);
  // /metrics is still there.
  auto m = client_->Get("/metrics");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 503);  // nothing published to the metrics side in this test
}

TEST_F(StatusEndpointsTest, PublishPrunesWhatTheServiceSaysIsUp) {
  for (long t : {1, 2, 3}) status_->observe(dp_down(t));
  status_->set_dial_peer_verdict([](long tag) { return tag != 2; });  // 1, 3 were removed
  DaemonSnapshot s;
  DialPeerKeepaliveSnapshot dp;
  dp.probed = 1;
  dp.busyout = 1;
  s.dial_peers = dp;
  status_->publish(s);
  const auto j = get_json("/api/v1/status");
  ASSERT_EQ(j["dial_peers"]["not_active"].size(), 1u);
  EXPECT_EQ(j["dial_peers"]["not_active"][0]["dial_peer"], 2);
}

TEST_F(StatusEndpointsTest, ReadOnly) {
  auto r = client_->Post("/api/v1/status", "x", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_NE(r->status, 200);
}

}  // namespace
}  // namespace gw::daemon
