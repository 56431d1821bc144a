// KamailioDispatcherService against a fake Kamailio dispatcher over real HTTP: dial-peer events
// drive set_state, the resync corrects a Kamailio that lost the state, an unreachable RPC is
// reported down, and a reconfigure without `kamailio rpc` stops driving.
#include "services/kamailio/kamailio_dispatcher_service.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <asio/ip/tcp.hpp>
#include <chrono>
#include <string>

#include "config/loader.hpp"
#include "fake_json_rpc.hpp"
#include "recording_sink.hpp"

namespace gw::daemon {
namespace {

using namespace std::chrono_literals;

const std::string kT1 = "sip:127.0.0.1:5081";
const std::string kT2 = "sip:127.0.0.1:5082";

config::Config load(const std::string& url, int resync = 1) {
  auto r = config::load_config_text(
      "dial-peer voice 10 voip\n session target ipv4:127.0.0.1:5081\n kamailio dispatcher set 1\n"
      "dial-peer voice 20 voip\n session target ipv4:127.0.0.1:5082\n kamailio dispatcher set 1\n"
      "kamailio rpc " +
      url + "\nkamailio resync " + std::to_string(resync) + "\n");
  for (const auto& e : r.errors) ADD_FAILURE() << e.line << ": " << e.message;
  return r.config;
}

Event dial_peer(const char* name, long tag) {
  return Event{name, {}}.with("dial_peer", std::int64_t{tag});
}

class KamailioDispatcherServiceTest : public ::testing::Test {
 protected:
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds budget = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + budget;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      if (io_.stopped()) io_.restart();
      io_.run_one_for(20ms);
    }
    return done();
  }
  bool seen(const std::string& line) const {
    return std::find(sink_.lines.begin(), sink_.lines.end(), line) != sink_.lines.end();
  }

  asio::io_context io_;
  test::RecordingSink sink_;
  Logger logger_{nullptr};
  gw::test::FakeDispatcher dispatcher_{1, {kT1, kT2}};
  gw::test::FakeJsonRpc kamailio_{dispatcher_.handler()};
};

TEST_F(KamailioDispatcherServiceTest, VerdictsDriveTheDestinationsAndResyncCorrects) {
  KamailioDispatcherService service(io_, load(kamailio_.url()), sink_, logger_,
                                    [](long) { return true; });
  ASSERT_TRUE(service.start());
  ASSERT_TRUE(run_until([&] { return kamailio_.requests() >= 1; })) << "the first list";
  service.observe(dial_peer(names::kDialPeerDown, 10));
  ASSERT_TRUE(run_until([&] {
    return seen("kamailio.dispatcher.set set=1 uri=sip:127.0.0.1:5081 state=i dial_peer=10");
  }));
  EXPECT_EQ(dispatcher_.flags(kT1), "IX");
  EXPECT_EQ(dispatcher_.flags(kT2), "AX");
  // Kamailio restarted: every destination active again. The next list (1 s) corrects it.
  dispatcher_.set_flags(kT1, "AX");
  ASSERT_TRUE(run_until([&] { return dispatcher_.flags(kT1) == "IX"; }, 5s));
  service.observe(dial_peer(names::kDialPeerUp, 10));
  ASSERT_TRUE(run_until([&] { return dispatcher_.flags(kT1) == "AX"; }));
  DaemonSnapshot snap;
  service.snapshot(snap);
  ASSERT_TRUE(snap.kamailio);
  EXPECT_EQ(snap.kamailio->url, kamailio_.url());
  EXPECT_TRUE(snap.kamailio->reachable);
  EXPECT_EQ(snap.kamailio->destinations, 2u);
  EXPECT_EQ(kamailio_.connections(), 1u) << "one kept-alive connection";
  service.stop();
}

TEST_F(KamailioDispatcherServiceTest, ABindingStartsFromTheDialPeersVerdict) {
  KamailioDispatcherService service(io_, load(kamailio_.url()), sink_, logger_,
                                    [](long tag) { return tag != 20; });
  ASSERT_TRUE(service.start());
  ASSERT_TRUE(run_until([&] {
    return seen("kamailio.dispatcher.set set=1 uri=sip:127.0.0.1:5082 state=i dial_peer=20");
  }));
  EXPECT_EQ(dispatcher_.flags(kT2), "IX");
  EXPECT_EQ(dispatcher_.flags(kT1), "AX");
  service.stop();
}

TEST_F(KamailioDispatcherServiceTest, AnUnreachableRpcIsDownAndNothingBlocks) {
  // A port nothing listens on: the RPC is down at once, retried with backoff.
  asio::io_context probe;
  asio::ip::tcp::acceptor a(probe, {asio::ip::make_address("127.0.0.1"), 0});
  const auto port = a.local_endpoint().port();
  a.close();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/RPC";
  KamailioDispatcherService service(io_, load(url), sink_, logger_, [](long) { return true; });
  ASSERT_TRUE(service.start());
  ASSERT_TRUE(run_until([&] {
    return std::any_of(sink_.lines.begin(), sink_.lines.end(), [](const std::string& l) {
      return l.rfind("kamailio.rpc.down error=", 0) == 0;
    });
  }));
  DaemonSnapshot snap;
  service.snapshot(snap);
  ASSERT_TRUE(snap.kamailio);
  EXPECT_FALSE(snap.kamailio->reachable);
  EXPECT_GE(snap.kamailio->counters.failures, 1u);
  // Back on the fake Kamailio: the RPC comes back up.
  auto next = load(kamailio_.url());
  ConfigDiff diff;
  diff.kamailio = true;
  service.reconfigure(next, diff);
  ASSERT_TRUE(run_until([&] { return seen("kamailio.rpc.up"); }, 10s));
  // Without `kamailio rpc`: nothing is driven any more.
  auto none = next;
  none.kamailio.rpc_url.clear();
  service.reconfigure(none, diff);
  DaemonSnapshot after;
  service.snapshot(after);
  EXPECT_FALSE(after.kamailio);
  service.stop();
}

}  // namespace
}  // namespace gw::daemon
