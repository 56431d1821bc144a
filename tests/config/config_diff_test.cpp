#include "config/config_diff.hpp"

#include <gtest/gtest.h>

#include "config/loader.hpp"

namespace gw::daemon {
namespace {

config::Config load(const std::string& text) {
  auto r = config::load_config_text(text);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].message);
  return r.config;
}

const char* kBase =
    "voice-port 0/0/1\n busyout monitor keepalive\n"
    "voice-port 0/0/2\n"
    "sccp local eth0\n"
    "sccp ccm 10.0.0.1 identifier 1 version 7.0\n"
    "sccp ccm 10.0.0.2 identifier 2 version 7.0\n"
    "sccp\n"
    "sccp ccm group 1\n associate ccm 1 priority 1\n"
    "sccp ccm group 2\n associate ccm 2 priority 1\n"
    "sip-ua\n keepalive target ipv4:10.0.0.5:5060\n keepalive target ipv4:10.0.0.6:5060 "
    "secondary\n";

TEST(ConfigDiff, SameConfigIsEmpty) {
  const auto a = load(kBase);
  const auto d = diff_config(a, a);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(describe(d), "nothing");
}

TEST(ConfigDiff, ChangedSecondaryRestartsOnlyTheSecondary) {
  auto a = load(kBase);
  auto b = a;
  b.sip_ua.secondary->server.host = "10.0.0.7";
  const auto d = diff_config(a, b);
  EXPECT_FALSE(d.sip_primary);
  EXPECT_TRUE(d.sip_secondary);
  EXPECT_TRUE(d.voice_ports.empty());
  EXPECT_TRUE(d.sccp_groups.empty());
  EXPECT_EQ(describe(d), "sip secondary");
}

TEST(ConfigDiff, AddedAndRemovedTargetsAreChanges) {
  auto a = load(kBase);
  auto b = a;
  b.sip_ua.secondary.reset();
  EXPECT_TRUE(diff_config(a, b).sip_secondary);
  EXPECT_TRUE(diff_config(b, a).sip_secondary);
  EXPECT_FALSE(diff_config(b, a).sip_primary);
}

TEST(ConfigDiff, KeepaliveTimersRestartBothTargets) {
  auto a = load(kBase);
  auto b = a;
  b.sip_ua.keepalive_trigger = 5;
  auto d = diff_config(a, b);
  EXPECT_TRUE(d.sip_primary);
  EXPECT_TRUE(d.sip_secondary);
  b = a;
  b.sip_ua.timers_active = 60;
  EXPECT_TRUE(diff_config(a, b).sip_primary);
}

TEST(ConfigDiff, TimersWithoutTargetsChangeNothing) {
  config::Config a;
  config::Config b;
  b.sip_ua.timers_down = 10;
  EXPECT_TRUE(diff_config(a, b).empty());
}

TEST(ConfigDiff, TlsCaFileOnlyMattersToTlsTargets) {
  auto a = load(kBase);
  auto b = a;
  b.sip_ua.tls_ca_file = "/etc/ca.pem";
  EXPECT_TRUE(diff_config(a, b).empty());
  a.sip_ua.primary->transport = Transport::tls;
  b.sip_ua.primary->transport = Transport::tls;
  const auto d = diff_config(a, b);
  EXPECT_TRUE(d.sip_primary);
  EXPECT_FALSE(d.sip_secondary);
}

TEST(ConfigDiff, NameServersOnlyMatterToDnsTargets) {
  auto a = load(kBase);
  auto b = a;
  b.name_servers = {"10.0.0.53"};
  EXPECT_TRUE(diff_config(a, b).empty());
  auto c = load("ip name-server 10.0.0.53\nsip-ua\n keepalive target dns:sip.example.com\n");
  auto e = c;
  e.name_servers = {"10.0.0.54"};
  EXPECT_TRUE(diff_config(c, e).sip_primary);
}

TEST(ConfigDiff, DialPeersAreDescribedAsRangesAndAManyAreCounted) {
  ConfigDiff d;
  d.dial_peers = {1, 2, 3, 7, 9, 10};
  EXPECT_EQ(describe(d), "dial-peer 1-3, dial-peer 7, dial-peer 9-10");
  d.dial_peers.clear();
  for (long t = 1; t <= 50000; ++t) d.dial_peers.push_back(t);
  EXPECT_EQ(describe(d), "dial-peer 1-50000");
  d.dial_peers.clear();
  for (long t = 1; t <= 100; ++t) d.dial_peers.push_back(t * 2);  // no two consecutive
  d.hostname = true;
  std::string want;
  for (long t = 1; t <= 16; ++t) want += "dial-peer " + std::to_string(t * 2) + ", ";
  EXPECT_EQ(describe(d), want + "and 84 more dial-peers, hostname");
}

TEST(ConfigDiff, VoicePortChangesAreListedInOrder) {
  auto a = load(kBase);
  auto b = a;
  b.voice_ports.begin()->second.busyout_monitor_keepalive = false;
  b.voice_ports[*config::VoicePortId::parse("0/1/0")] = {};
  b.voice_ports.erase(*config::VoicePortId::parse("0/0/2"));
  const auto d = diff_config(a, b);
  ASSERT_EQ(d.voice_ports.size(), 3u);
  EXPECT_EQ(describe(d), "voice-port 0/0/1, voice-port 0/0/2, voice-port 0/1/0");
  EXPECT_FALSE(d.sip_primary);
}

TEST(ConfigDiff, ChangedCcmRestartsOnlyTheGroupsNamingIt) {
  auto a = load(kBase);
  auto b = a;
  b.sccp_ccms[2].address = "10.0.0.9";
  const auto d = diff_config(a, b);
  EXPECT_EQ(d.sccp_groups, std::vector<int>{2});
}

TEST(ConfigDiff, GroupWithoutAssociateCcmFollowsTheCcmLinesWithAPriority) {
  auto a = load(kBase);
  a.ccm_groups[3];  // no `associate ccm`: uses the `sccp ccm` lines that carry a priority
  a.sccp_ccms[1].priority = 1;
  auto b = a;
  b.sccp_ccms[1].address = "10.0.0.9";
  EXPECT_EQ(diff_config(a, b).sccp_groups, (std::vector<int>{1, 3}));
  b = a;
  b.sccp_ccms[2].address = "10.0.0.9";  // no priority: group 3 does not use it
  EXPECT_EQ(diff_config(a, b).sccp_groups, std::vector<int>{2});
  b = a;
  b.sccp_ccms[2].priority = 2;  // now it does
  EXPECT_EQ(diff_config(a, b).sccp_groups, (std::vector<int>{2, 3}));
}

TEST(ConfigDiff, GroupBlockChangeAndNewGroup) {
  auto a = load(kBase);
  auto b = a;
  b.ccm_groups[1].keepalive_retries = 5;
  b.ccm_groups[3];
  const auto d = diff_config(a, b);
  EXPECT_EQ(d.sccp_groups, (std::vector<int>{1, 3}));
}

TEST(ConfigDiff, SccpAdminStateRestartsEveryGroup) {
  auto a = load(kBase);
  auto b = a;
  b.sccp_enabled = false;
  EXPECT_EQ(diff_config(a, b).sccp_groups, (std::vector<int>{1, 2}));
}

TEST(ConfigDiff, DialPeerFollowsItsKeepaliveProfile) {
  config::Config a;
  a.keepalive_profiles[100] = {};
  a.dial_peers[10].keepalive_profile = 100;
  a.dial_peers[20] = {};
  auto b = a;
  b.keepalive_profiles[100].up_interval = 90;
  EXPECT_EQ(diff_config(a, b).dial_peers, std::vector<long>{10});
}

TEST(ConfigDiff, HostnameAloneRestartsNothing) {
  auto a = load(kBase);
  auto b = a;
  b.hostname = "gw2";
  const auto d = diff_config(a, b);
  EXPECT_TRUE(d.hostname);
  EXPECT_TRUE(d.empty());
}

}  // namespace
}  // namespace gw::daemon
