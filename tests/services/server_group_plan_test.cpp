// plan_server_groups(): probe sets keyed by (group, profile), the inline form not shared, shut
// groups without streams, and the dial-peer rules (shutdown, missing profile) as for targets.
#include "services/dial_peer/server_group_plan.hpp"

#include <gtest/gtest.h>

#include "dial_peer_configs.hpp"

namespace gw::daemon {
namespace {

using test::load;

TEST(ServerGroupPlan, SetsByGroupAndProfileSharedByTheirDialPeers) {
  const auto plan = plan_server_groups(
      load(
          "voice class sip-options-keepalive 1\n up-interval 30\n transport tcp\n!\n"
          "voice class sip-options-keepalive 2\n!\n"
          "voice class server-group 7\n ipv4 10.0.0.1\n ipv6 2001:db8::2 port 5070\n!\n"
          "voice class server-group 8\n ipv4 10.0.0.9\n shutdown\n!\n"
          "dial-peer voice 1 voip\n session server-group 7\n voice-class sip options-keepalive "
          "profile 1\n!\n"
          "dial-peer voice 2 voip\n session server-group 7\n voice-class sip options-keepalive "
          "profile 1\n!\n"
          "dial-peer voice 3 voip\n session server-group 7\n voice-class sip options-keepalive "
          "profile 2\n!\n"
          "dial-peer voice 4 voip\n session server-group 7\n voice-class sip options-keepalive\n!\n"
          "dial-peer voice 5 voip\n session server-group 7\n voice-class sip options-keepalive\n!\n"
          "dial-peer voice 6 voip\n session server-group 8\n voice-class sip options-keepalive "
          "profile 1\n!\n"
          "dial-peer voice 7 voip\n session server-group 7\n voice-class sip options-keepalive "
          "profile 1\n shutdown\n!\n"
          "dial-peer voice 8 voip\n session server-group 7\n"),
      1.0);
  ASSERT_EQ(plan.sets.size(), 5u);
  // (7, inline, 4), (7, inline, 5), (7, 1), (7, 2), (8, 1): by key.
  EXPECT_EQ(plan.sets[0].key, (ProbeSetKey{7, 0, 4}));
  EXPECT_EQ(plan.sets[1].key, (ProbeSetKey{7, 0, 5}));
  const ProbeSet& p1 = plan.sets[2];
  EXPECT_EQ(p1.key, (ProbeSetKey{7, 1, 0}));
  EXPECT_EQ(p1.dial_peers, (std::vector<long>{1, 2})) << "7 is shut, 8 has no keepalive";
  ASSERT_EQ(p1.members.size(), 2u);
  EXPECT_EQ(config::configured_text(p1.members[0].probe.target), "ipv4:10.0.0.1:5060");
  EXPECT_EQ(config::configured_text(p1.members[1].probe.target), "ipv6:[2001:db8::2]:5070");
  EXPECT_EQ(p1.members[1].probe.target.transport, Transport::tcp);
  EXPECT_EQ(p1.members[1].probe.up_seconds, 30);
  EXPECT_EQ(plan.sets[3].key, (ProbeSetKey{7, 2, 0}));
  const ProbeSet& shut = plan.sets[4];
  EXPECT_TRUE(shut.shutdown);
  EXPECT_TRUE(shut.members.empty());
  EXPECT_EQ(shut.dial_peers, std::vector<long>{6});
  EXPECT_TRUE(p1.members[0].same_stream(p1.members[0]));
  EXPECT_FALSE(p1.members[0].same_stream(p1.members[1]));
}

TEST(ServerGroupPlan, AServerGroupDialPeerIsNoPlainProbeAndGetsNoNote) {
  const auto c = load(
      "voice class server-group 1\n ipv4 10.0.0.1\n!\ndial-peer voice 1 voip\n session "
      "server-group 1\n voice-class sip options-keepalive\n");
  std::string note;
  EXPECT_FALSE(plan_dial_peer(c, 1, c.dial_peers.at(1), 1.0, &note));
  EXPECT_TRUE(note.empty()) << note;
}

}  // namespace
}  // namespace gw::daemon
