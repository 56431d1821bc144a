// KamailioDispatcherService on a server-group dial-peer, against the fake Kamailio dispatcher:
// every member is its own destination, moved by server-group.member.down / up (the member's
// verdict), not by the dial-peer's busyout; a binding starts from the member's verdict.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "config/loader.hpp"
#include "fake_json_rpc.hpp"
#include "recording_sink.hpp"
#include "services/kamailio/kamailio_dispatcher_service.hpp"

namespace gw::daemon {
namespace {

using namespace std::chrono_literals;

const std::string kM1 = "sip:127.0.0.1:5091";
const std::string kM2 = "sip:127.0.0.1:5092";

config::Config load(const std::string& url) {
  auto r = config::load_config_text(
      "voice class server-group 7\n ipv4 127.0.0.1 port 5091\n ipv4 127.0.0.1 port 5092\n!\n"
      "dial-peer voice 30 voip\n session server-group 7\n kamailio dispatcher set 1\n"
      "kamailio rpc " +
      url + "\nkamailio resync 1\n");
  for (const auto& e : r.errors) ADD_FAILURE() << e.line << ": " << e.message;
  return r.config;
}

Event member(const char* name, const char* address) {
  return Event{name, {}}
      .with("group", std::int64_t{7})
      .with("address", std::string(address))
      .with("transport", std::string("udp"));
}

class KamailioDispatcherMemberTest : public ::testing::Test {
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
  gw::test::FakeDispatcher dispatcher_{1, {kM1, kM2}};
  gw::test::FakeJsonRpc kamailio_{dispatcher_.handler()};
};

TEST_F(KamailioDispatcherMemberTest, MemberEventsDriveTheirOwnDestinations) {
  KamailioDispatcherService service(io_, load(kamailio_.url()), sink_, logger_,
                                    [](long) { return true; });
  ASSERT_TRUE(service.start());
  ASSERT_TRUE(run_until([&] { return kamailio_.requests() >= 1; })) << "the first list";
  service.observe(member(names::kServerGroupMemberDown, "127.0.0.1:5091"));
  ASSERT_TRUE(run_until([&] {
    return seen("kamailio.dispatcher.set set=1 uri=sip:127.0.0.1:5091 state=i dial_peer=30");
  }));
  EXPECT_EQ(dispatcher_.flags(kM1), "IX");
  EXPECT_EQ(dispatcher_.flags(kM2), "AX") << "the other member stays active";
  // The dial-peer's own verdict (busyout) does not move its member destinations.
  service.observe(Event{names::kDialPeerUp, {}}.with("dial_peer", std::int64_t{30}));
  service.observe(member(names::kServerGroupMemberDown, "127.0.0.1:5099"));  // not bound
  service.observe(member(names::kServerGroupMemberUp, "127.0.0.1:5091"));
  ASSERT_TRUE(run_until([&] { return dispatcher_.flags(kM1) == "AX"; }));
  DaemonSnapshot snap;
  service.snapshot(snap);
  ASSERT_TRUE(snap.kamailio);
  EXPECT_EQ(snap.kamailio->destinations, 2u);
  service.stop();
}

TEST_F(KamailioDispatcherMemberTest, ABindingStartsFromTheMembersVerdict) {
  std::vector<std::string> asked;
  KamailioDispatcherService service(
      io_, load(kamailio_.url()), sink_, logger_, [](long) { return true; },
      [&asked](const KamailioMember& m) {
        asked.push_back(std::to_string(m.group) + " " + m.address + " " +
                        std::string(to_string(m.transport)));
        return m.address != "127.0.0.1:5092";
      });
  ASSERT_TRUE(service.start());
  EXPECT_EQ(asked, (std::vector<std::string>{"7 127.0.0.1:5091 udp", "7 127.0.0.1:5092 udp"}));
  ASSERT_TRUE(run_until([&] {
    return seen("kamailio.dispatcher.set set=1 uri=sip:127.0.0.1:5092 state=i dial_peer=30");
  }));
  EXPECT_EQ(dispatcher_.flags(kM1), "AX");
  // An event is checked against the service's verdict: an "up" of 5092 while it says down
  // (another stream still down) keeps it inactive.
  service.observe(member(names::kServerGroupMemberUp, "127.0.0.1:5092"));
  dispatcher_.set_flags(kM2, "AX");  // and the next list (1 s) corrects Kamailio again
  ASSERT_TRUE(run_until([&] { return dispatcher_.flags(kM2) == "IX"; }, 5s));
  service.stop();
}

TEST_F(KamailioDispatcherMemberTest, AGroupChangeRebindsItsMembers) {
  KamailioDispatcherService service(io_, load(kamailio_.url()), sink_, logger_,
                                    [](long) { return true; });
  ASSERT_TRUE(service.start());
  // Member 5092 leaves the group: the dial-peer is re-planned with one destination.
  auto r = config::load_config_text(
      "voice class server-group 7\n ipv4 127.0.0.1 port 5091\n!\n"
      "dial-peer voice 30 voip\n session server-group 7\n kamailio dispatcher set 1\n"
      "kamailio rpc " +
      kamailio_.url() + "\n");
  ASSERT_TRUE(r.errors.empty());
  ConfigDiff diff;
  diff.dial_peers = {30};
  diff.server_groups = {7};
  service.reconfigure(r.config, diff);
  DaemonSnapshot snap;
  service.snapshot(snap);
  ASSERT_TRUE(snap.kamailio);
  EXPECT_EQ(snap.kamailio->destinations, 1u);
  service.observe(member(names::kServerGroupMemberDown, "127.0.0.1:5092"));  // unbound now
  service.observe(member(names::kServerGroupMemberDown, "127.0.0.1:5091"));
  ASSERT_TRUE(run_until([&] { return dispatcher_.flags(kM1) == "IX"; }));
  EXPECT_EQ(dispatcher_.flags(kM2), "AX");
  service.stop();
}

}  // namespace
}  // namespace gw::daemon
