// plan_kamailio: which destinations the dial-peers drive, with which URI.
#include "services/kamailio/kamailio_plan.hpp"

#include <gtest/gtest.h>

#include "config/loader.hpp"

namespace gw::daemon {
namespace {

config::Config load(std::string_view text) {
  auto r = config::load_config_text(text);
  for (const auto& e : r.errors) ADD_FAILURE() << e.line << ": " << e.message << " | " << e.text;
  return r.config;
}

TEST(KamailioPlan, NothingWithoutRpc) {
  auto plan =
      plan_kamailio(load("dial-peer voice 1 voip\n"
                         " session target ipv4:127.0.0.1:5080\n"
                         " kamailio dispatcher set 1\n"));
  EXPECT_FALSE(plan.rpc_url);
}

TEST(KamailioPlan, DefaultUrisFollowTheSessionTargetAndKeepaliveTransport) {
  auto plan =
      plan_kamailio(load("voice class sip-options-keepalive 1\n"
                         " transport tcp tls\n"
                         "!\n"
                         "dial-peer voice 10 voip\n"
                         " session target ipv4:127.0.0.1:5080\n"
                         " kamailio dispatcher set 1\n"
                         "dial-peer voice 20 voip\n"
                         " session target ipv6:2001:db8::20\n"
                         " voice-class sip options-keepalive profile 1\n"
                         " kamailio dispatcher set 2\n"
                         "dial-peer voice 30 voip\n"
                         " session target dns:sbc.example.net\n"
                         " session transport tcp\n"
                         " kamailio dispatcher set 2 uri sip:sbc.example.net;transport=tcp\n"
                         "dial-peer voice 40 voip\n"
                         " session target dns:trunk.example.net:5070\n"
                         " session transport tcp\n"
                         " shutdown\n"
                         " kamailio dispatcher set 3\n"
                         "dial-peer voice 50 voip\n"
                         " kamailio dispatcher set 3\n"
                         "kamailio rpc http://127.0.0.1:5071/RPC\n"
                         "kamailio resync 30\n"));
  ASSERT_TRUE(plan.rpc_url);
  EXPECT_EQ(*plan.rpc_url, "http://127.0.0.1:5071/RPC");
  EXPECT_EQ(plan.policy.resync, std::chrono::seconds(30));
  ASSERT_EQ(plan.bindings.size(), 4u);
  EXPECT_EQ(plan.bindings[0].dial_peer, 10);
  EXPECT_EQ(plan.bindings[0].dest, (kamailio::Destination{1, "sip:127.0.0.1:5080"}));
  EXPECT_EQ(plan.bindings[1].dest,
            (kamailio::Destination{2, "sip:[2001:db8::20]:5061;transport=tls"}));
  EXPECT_EQ(plan.bindings[2].dest.uri, "sip:sbc.example.net;transport=tcp") << "as configured";
  EXPECT_EQ(plan.bindings[3].dest,
            (kamailio::Destination{3, "sip:trunk.example.net:5070;transport=tcp"}))
      << "a shut dial-peer stays bound";
  for (const auto& b : plan.bindings) EXPECT_TRUE(b.up);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0],
            "dial-peer 50: kamailio dispatcher set 3 has no URI (no session target), skipped");
}

}  // namespace
}  // namespace gw::daemon

namespace gw::daemon {
namespace {

TEST(KamailioPlan, EveryMemberOfAServerGroupDialPeerIsItsOwnDestination) {
  auto plan = plan_kamailio(
      load("kamailio rpc http://127.0.0.1:5071/RPC\n"
           "voice class sip-options-keepalive 2\n transport tcp\n!\n"
           "voice class server-group 1\n ipv4 10.0.0.1\n ipv6 2001:db8::2 port 5070\n!\n"
           "voice class server-group 2\n!\n"
           "dial-peer voice 1 voip\n session server-group 1\n kamailio dispatcher set 3\n!\n"
           "dial-peer voice 2 voip\n session server-group 1\n"
           " voice-class sip options-keepalive profile 2\n kamailio dispatcher set 4\n!\n"
           "dial-peer voice 3 voip\n session server-group 2\n kamailio dispatcher set 5\n"));
  ASSERT_EQ(plan.bindings.size(), 4u);
  const auto& b = plan.bindings;
  EXPECT_EQ(b[0].dial_peer, 1);
  EXPECT_EQ(b[0].dest, (kamailio::Destination{3, "sip:10.0.0.1:5060"}));
  EXPECT_EQ(b[0].member, "1 10.0.0.1:5060 udp");
  EXPECT_EQ(b[1].dest, (kamailio::Destination{3, "sip:[2001:db8::2]:5070"}));
  EXPECT_EQ(b[1].member, "1 [2001:db8::2]:5070 udp");
  EXPECT_EQ(b[2].dial_peer, 2);
  EXPECT_EQ(b[2].dest, (kamailio::Destination{4, "sip:10.0.0.1:5060;transport=tcp"}))
      << "the profile's transport, as the server-group plan probes it";
  EXPECT_EQ(b[2].member, "1 10.0.0.1:5060 tcp");
  EXPECT_EQ(b[3].member, "1 [2001:db8::2]:5070 tcp");
  ASSERT_EQ(plan.members.size(), 4u);
  const auto& m = plan.members.at("1 [2001:db8::2]:5070 tcp");
  EXPECT_EQ(m.group, 1);
  EXPECT_EQ(m.address, "[2001:db8::2]:5070");
  EXPECT_EQ(m.transport, Transport::tcp);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0],
            "dial-peer 3: kamailio dispatcher set 5: server-group 2 has no member, nothing bound");
}

TEST(KamailioPlan, AUriOnAServerGroupDialPeerIsSkipped) {
  // The CLI refuses it (commands_kamailio.cpp); a Config made otherwise gets a note.
  auto config = load(
      "kamailio rpc http://127.0.0.1:5071/RPC\n"
      "voice class server-group 1\n ipv4 10.0.0.1\n!\n"
      "dial-peer voice 1 voip\n session server-group 1\n kamailio dispatcher set 3\n");
  config.dial_peers.at(1).kamailio_dispatcher->uri = "sip:trunk.example.com";
  auto plan = plan_kamailio(config);
  EXPECT_TRUE(plan.bindings.empty());
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0],
            "dial-peer 1: kamailio dispatcher set 3 uri is not allowed on a server-group "
            "dial-peer, skipped");
}

}  // namespace
}  // namespace gw::daemon
