// show voice class server-group, and the server-group parts of show dial-peer voice summary
// (`partial`) and show voice class sip-options-keepalive.
#include "render/show_server_group.hpp"

#include <gtest/gtest.h>

#include "render/show_dial_peer.hpp"

namespace gw::daemon {
namespace {

DaemonSnapshot sample() {
  DaemonSnapshot out;
  DialPeerKeepaliveSnapshot d;
  d.profiles[1] = config::OptionsKeepaliveProfile{};
  for (long tag : {100L, 101L, 200L}) {
    DialPeerStateSnapshot p;
    p.tag = tag;
    p.profile = 1;
    p.server_group = tag == 200 ? 2 : 1;
    d.peers.push_back(p);
  }
  out.dial_peers = d;
  ServerGroupKeepaliveSnapshot s;
  config::ServerGroup g1;
  g1.description = "ITSP";
  g1.members = {{false, "10.0.0.1", std::nullopt, 1},
                {false, "10.0.0.2", 5070, 2},
                {true, "2001:db8::3", std::nullopt, 0}};
  ServerGroupStateSnapshot sg1{1, g1, {}, {100, 101}};
  for (std::size_t i = 0; i < 3; ++i) {
    ServerGroupMemberSnapshot m;
    m.member = i;
    m.profile = 1;
    m.address = i == 2 ? "[2001:db8::3]:5060" : "10.0.0." + std::to_string(i + 1) + ":5060";
    m.state = i == 1 ? keepalive::TargetState::down : keepalive::TargetState::up;
    m.attempts = 5;
    m.failures = i == 1 ? 5 : 0;
    sg1.probes.push_back(m);
  }
  config::ServerGroup g2;
  g2.shutdown = true;
  g2.hunt_round_robin = true;
  g2.members = {{false, "10.0.1.1", std::nullopt, 0}};
  s.groups[1] = sg1;
  s.groups[2] = ServerGroupStateSnapshot{2, g2, {}, {200}};
  s.dial_peers = {{100, GroupPeerState::partial},
                  {101, GroupPeerState::partial},
                  {200, GroupPeerState::busyout}};
  out.server_groups = s;
  return out;
}

TEST(ShowServerGroup, MembersWithTheirKeepaliveState) {
  EXPECT_EQ(render_show_voice_class_server_group(sample(), 1),
            "Voice class server-group: 1\n"
            " AdminStatus: Up, OperStatus: Up\n"
            " Hunt-Scheme: preference\n"
            " Description: ITSP\n"
            " Dial-peers: 100 101\n"
            " Total server entries: 3\n"
            "  Pref  Type  IP Address                               IP Port  Keepalive\n"
            "  1     ipv4  10.0.0.1                                 5060     up\n"
            "  2     ipv4  10.0.0.2                                 5070     down\n"
            "  0     ipv6  2001:db8::3                              5060     up\n");
}

TEST(ShowServerGroup, AShutGroupAndAnUnknownOne) {
  const std::string shut = render_show_voice_class_server_group(sample(), 2);
  EXPECT_NE(shut.find("AdminStatus: Down, OperStatus: Down"), std::string::npos) << shut;
  EXPECT_NE(shut.find("Hunt-Scheme: round-robin"), std::string::npos) << shut;
  EXPECT_NE(shut.find("shutdown\n"), std::string::npos) << shut;
  EXPECT_EQ(render_show_voice_class_server_group(sample(), 9),
            "% Voice class server-group 9 is not configured\n");
  EXPECT_EQ(render_show_voice_class_server_group(DaemonSnapshot{}, 1),
            "% Voice class server-group 1 is not configured\n");
}

TEST(ShowServerGroup, SummaryShowsPartialAndBusyout) {
  const std::string s = render_show_dial_peer_voice_summary(sample());
  EXPECT_NE(s.find("100        voip  up    up    server-group 1                       udp       "
                   "partial\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("200        voip  up    down  server-group 2                       udp       "
                   "busyout\n"),
            std::string::npos)
      << s;
}

TEST(ShowServerGroup, TheProfileListsTheMembersItProbes) {
  const std::string s = render_show_voice_class_sip_options_keepalive(sample(), 1);
  EXPECT_NE(s.find("Server group"), std::string::npos) << s;
  EXPECT_NE(s.find("10.0.0.2:5060"), std::string::npos) << s;
  EXPECT_NE(s.find("Busyout"), std::string::npos) << s;
  EXPECT_NE(s.find("100 101"), std::string::npos) << s;
  EXPECT_EQ(s.find("Shutdown"), std::string::npos) << "server-group dial-peers are no rows";
}

}  // namespace
}  // namespace gw::daemon
