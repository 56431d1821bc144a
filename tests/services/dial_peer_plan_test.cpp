// plan_dial_peers / plan_dial_peer: which dial-peers the keepalive probes, and how.
#include "services/dial_peer/dial_peer_plan.hpp"

#include <gtest/gtest.h>

#include "dial_peer_configs.hpp"

namespace gw::daemon {
namespace {

using test::load;

TEST(DialPeerPlan, ProbesPeersWithTargetAndProfileOrInlineFormNotShutNorShutProfile) {
  const auto plan = plan_dial_peers(load(test::kDialPeerConfig), 1.0);
  ASSERT_EQ(plan.probes.size(), 2u);
  EXPECT_EQ(plan.probes[0].tag, 100);
  EXPECT_EQ(plan.probes[0].profile, 1);
  EXPECT_EQ(plan.probes[0].policy.active_interval, std::chrono::seconds(10));
  EXPECT_EQ(plan.probes[0].policy.down_interval, std::chrono::seconds(5));
  EXPECT_EQ(plan.probes[0].policy.retries, 2);
  EXPECT_EQ(plan.probes[0].policy.trigger, 1);
  EXPECT_EQ(plan.probes[1].tag, 200);
  EXPECT_EQ(plan.probes[1].profile, 0);
  EXPECT_EQ(plan.probes[1].up_seconds, 20);
  EXPECT_EQ(plan.probes[1].down_seconds, 30);  // inline default
  EXPECT_EQ(plan.probes[1].retry, 3);
}

TEST(DialPeerPlan, SessionTransportAppliesWhenTheProfileSaysUdpAndProfileTcpWins) {
  auto cfg = load(test::kDialPeerConfig);
  auto plan = plan_dial_peers(cfg, 1.0);
  EXPECT_EQ(plan.probes[0].target.transport, Transport::udp);
  EXPECT_EQ(plan.probes[1].target.transport, Transport::tcp);  // inline + session transport tcp
  cfg.dial_peers[100].session_transport = Transport::tcp;
  cfg.keepalive_profiles[1].transport = Transport::tls;
  plan = plan_dial_peers(cfg, 1.0);
  EXPECT_EQ(plan.probes[0].target.transport, Transport::tls);
  EXPECT_TRUE(dial_peers_need_tls(cfg));
  // Only the named dial-peers are looked at: 100 is over TLS, 200 (tcp) and 999 (none) not.
  EXPECT_TRUE(dial_peers_need_tls(cfg, std::vector<long>{100}));
  EXPECT_FALSE(dial_peers_need_tls(cfg, std::vector<long>{200, 999}));
  cfg.dial_peers[200].session_transport = Transport::tls;  // the inline form takes it
  EXPECT_TRUE(dial_peers_need_tls(cfg, std::vector<long>{200, 999}));
  cfg.dial_peers[200].shutdown = true;
  EXPECT_FALSE(dial_peers_need_tls(cfg, std::vector<long>{200}));
  EXPECT_EQ(plan_dial_peers(cfg, 1.0).probes.size(), 1u);  // the plan agrees: 100 alone
}

TEST(DialPeerPlan, MissingProfileIsANoteNotAProbe) {
  auto cfg = load(test::kDialPeerConfig);
  cfg.dial_peers[100].keepalive_profile = 77;
  const auto plan = plan_dial_peers(cfg, 1.0);
  ASSERT_EQ(plan.probes.size(), 1u);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0], "dial-peer 100: profile 77 is not configured");
}

}  // namespace
}  // namespace gw::daemon
