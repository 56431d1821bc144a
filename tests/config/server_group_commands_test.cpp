// CUBE server groups: `voice class server-group` mode, members, no/default forms, IOS errors,
// `?` help, rendering, and `session server-group` against `session target` on dial-peers.
#include <gtest/gtest.h>

#include "config/config_diff.hpp"
#include "config/loader.hpp"
#include "config/render.hpp"
#include "config/session.hpp"
#include "load_helpers.hpp"

namespace gw::config {
namespace {

using test::load_error;
using test::load_ok;

TEST(ServerGroupCommands, MembersAndSettings) {
  Config c = load_ok(
      "voice class server-group 1\n ipv4 10.0.0.1\n ipv4 10.0.0.2 port 5070 preference 2\n"
      " ipv6 2001:DB8::1 preference 1\n hunt-scheme round-robin\n description ITSP\n shutdown\n");
  const ServerGroup& g = c.server_groups.at(1);
  ASSERT_EQ(g.members.size(), 3u);
  EXPECT_EQ(g.members[0].address, "10.0.0.1");
  EXPECT_EQ(g.members[0].effective_port(), 5060);
  EXPECT_EQ(g.members[0].preference, 0);
  EXPECT_EQ(*g.members[1].port, 5070);
  EXPECT_EQ(g.members[1].preference, 2);
  EXPECT_TRUE(g.members[2].ipv6);
  EXPECT_EQ(g.members[2].address, "2001:db8::1");
  EXPECT_TRUE(g.hunt_round_robin);
  EXPECT_EQ(g.description, "ITSP");
  EXPECT_TRUE(g.shutdown);
}

TEST(ServerGroupCommands, NoAndDefaultForms) {
  Config c = load_ok(
      "voice class server-group 7\n ipv4 10.0.0.1\n ipv4 10.0.0.2 port 5070\n"
      " no ipv4 10.0.0.1\n no ipv4 10.0.0.2 port 5070\n hunt-scheme round-robin\n"
      " no hunt-scheme\n description x\n default description\n shutdown\n no shutdown\n"
      " hunt-scheme round-robin\n default hunt-scheme\n shutdown\n default shutdown\n");
  EXPECT_EQ(c.server_groups.at(7), ServerGroup{});
  Config gone = load_ok("voice class server-group 7\n!\nno voice class server-group 7\n");
  EXPECT_TRUE(gone.server_groups.empty());
}

TEST(ServerGroupCommands, SameAddressAndPortUpdatesTheMember) {
  Config c = load_ok(
      "voice class server-group 1\n ipv4 10.0.0.1 preference 1\n ipv4 10.0.0.1 port 5060 "
      "preference 3\n ipv4 10.0.0.1 port 5080\n");
  const auto& m = c.server_groups.at(1).members;
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].preference, 3);
  EXPECT_FALSE(m[0].port) << "5060 is the default port, not kept";
  EXPECT_EQ(*m[1].port, 5080);
}

TEST(ServerGroupCommands, SixthMemberIsRefusedOnItsOwnLine) {
  auto r = load_config_text(
      "voice class server-group 1\n ipv4 10.0.0.1\n ipv4 10.0.0.2\n ipv4 10.0.0.3\n"
      " ipv6 2001:db8::4\n ipv4 10.0.0.5\n ipv4 10.0.0.6\n description after\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 7u);
  EXPECT_EQ(r.errors[0].message, "% A server group has at most 5 servers.");
  EXPECT_EQ(r.errors[0].text, " ipv4 10.0.0.6");
}

TEST(ServerGroupCommands, RangesAsTheReference) {
  for (const char* bad :
       {" ipv4 10.0.0.1 port 0\n", " ipv4 10.0.0.1 port 65536\n", " ipv4 10.0.0.1 preference 6\n",
        " ipv4 10.0.0.300\n", " ipv6 10.0.0.1\n", " hunt-scheme random\n"}) {
    auto d = load_error(std::string("voice class server-group 1\n") + bad);
    EXPECT_EQ(d.line, 2u) << bad;
    EXPECT_EQ(d.message, "% Invalid input detected at '^' marker.") << bad;
  }
  EXPECT_FALSE(load_config_text("voice class server-group 0\n").ok());
  EXPECT_TRUE(load_config_text("voice class server-group 2147483647\n").ok());
  EXPECT_FALSE(load_config_text("voice class server-group 2147483648\n").ok());
  auto incomplete = load_error("voice class server-group 1\n ipv4\n");
  EXPECT_EQ(incomplete.message, "% Incomplete command.");
}

TEST(ServerGroupCommands, SessionServerGroupAndSessionTargetExcludeEachOther) {
  const std::string groups = "voice class server-group 1\n ipv4 10.0.0.1\n!\n";
  Config a = load_ok(groups +
                     "dial-peer voice 10 voip\n session target ipv4:10.0.0.9\n session "
                     "server-group 1\n");
  EXPECT_EQ(a.dial_peers.at(10).server_group, 1);
  EXPECT_FALSE(a.dial_peers.at(10).session_target);
  Config b = load_ok(groups +
                     "dial-peer voice 10 voip\n session server-group 1\n session target "
                     "ipv4:10.0.0.9\n");
  EXPECT_FALSE(b.dial_peers.at(10).server_group);
  EXPECT_TRUE(b.dial_peers.at(10).session_target);
  Config c = load_ok(groups +
                     "dial-peer voice 10 voip\n session server-group 1\n no session "
                     "server-group\n");
  EXPECT_FALSE(c.dial_peers.at(10).server_group);
}

TEST(ServerGroupCommands, UndefinedAndInUseGroupsAreRefused) {
  auto undefined = load_error("dial-peer voice 1 voip\n session server-group 9\n");
  EXPECT_EQ(undefined.message, "% voice class server-group 9 is not configured.");
  EXPECT_TRUE(undefined.has_caret);
  auto in_use = load_error(
      "voice class server-group 9\n!\ndial-peer voice 1 voip\n session server-group 9\n!\n"
      "no voice class server-group 9\n");
  EXPECT_EQ(in_use.message, "% Server group 9 is used by dial-peer 1.");
}

TEST(ServerGroupCommands, AKamailioUriIsRefusedOnAServerGroupDialPeer) {
  // design.md: every member is its own destination, `uri` not allowed there.
  auto uri = load_error(
      "voice class server-group 9\n ipv4 10.0.0.1\n!\ndial-peer voice 1 voip\n"
      " session server-group 9\n kamailio dispatcher set 2 uri sip:trunk.example.net\n");
  EXPECT_EQ(uri.message,
            "% uri is not allowed on a server-group dial-peer: every member is its own "
            "destination.");
  EXPECT_TRUE(uri.has_caret);
  // Nor does the group replace a session target while a uri is bound: the uri goes first.
  auto group = load_error(
      "voice class server-group 9\n!\ndial-peer voice 1 voip\n session target ipv4:10.0.0.1\n"
      " kamailio dispatcher set 2 uri sip:trunk.example.net\n session server-group 9\n");
  EXPECT_EQ(group.message,
            "% Remove the uri of kamailio dispatcher set 2 first: on a server-group dial-peer "
            "every member is its own destination.");
  Config c = load_ok(
      "voice class server-group 9\n!\ndial-peer voice 1 voip\n"
      " kamailio dispatcher set 2 uri sip:trunk.example.net\n kamailio dispatcher set 2\n"
      " session server-group 9\n");
  EXPECT_EQ(c.dial_peers.at(1).server_group, 9);
  EXPECT_EQ(c.dial_peers.at(1).kamailio_dispatcher->uri, "");
}

TEST(ServerGroupCommands, RenderInIosOrderAndRoundTrip) {
  Config c = load_ok(
      "dial-peer voice 5 voip\n description x\n!\nvoice class server-group 2\n shutdown\n"
      " hunt-scheme round-robin\n ipv6 2001:db8::2 port 5080\n description Trunk\n"
      " ipv4 10.0.0.1 preference 1\n!\nvoice class sip-options-keepalive 3\n!\n"
      "dial-peer voice 5 voip\n session server-group 2\n voice-class sip options-keepalive "
      "profile 3\n");
  const std::string text = render_running_config(c);
  EXPECT_EQ(text,
            "!\nvoice class sip-options-keepalive 3\n!\nvoice class server-group 2\n"
            " description Trunk\n ipv6 2001:db8::2 port 5080\n ipv4 10.0.0.1 preference 1\n"
            " hunt-scheme round-robin\n shutdown\n!\ndial-peer voice 5 voip\n description x\n"
            " session server-group 2\n voice-class sip options-keepalive profile 3\n!\nend\n");
  EXPECT_EQ(load_ok(text), c);
  EXPECT_EQ(render_running_config(load_ok(text)), text);
}

TEST(ServerGroupCommands, HelpListsTheModeCommands) {
  Session s;
  auto& con = s.console();
  con.reset(kGlobal);
  ASSERT_FALSE(con.execute("voice class server-group 1").error);
  const std::string help = con.help("").output;
  for (const char* word : {"ipv4", "ipv6", "hunt-scheme", "description", "shutdown"})
    EXPECT_NE(help.find(word), std::string::npos) << word << "\n" << help;
  EXPECT_EQ(help.find("up-interval"), std::string::npos) << help;
  const std::string member = con.help("ipv4 10.0.0.1 ").output;
  EXPECT_NE(member.find("port"), std::string::npos) << member;
  EXPECT_NE(member.find("preference"), std::string::npos) << member;
  EXPECT_NE(member.find("<cr>"), std::string::npos) << member;
  EXPECT_NE(con.help("ipv4 10.0.0.1 preference ").output.find("<0-5>"), std::string::npos);
  EXPECT_NE(con.help("ipv4 10.0.0.1 port ").output.find("<1-65535>"), std::string::npos);
  EXPECT_EQ(con.prompt(), "gatewatch(config-class)#");
}

TEST(ServerGroupDiff, AChangedGroupRestartsItsDialPeersOnly) {
  const std::string base =
      "voice class server-group 1\n ipv4 10.0.0.1\n!\nvoice class server-group 2\n ipv4 "
      "10.0.0.2\n!\nvoice class sip-options-keepalive 1\n!\n"
      "dial-peer voice 10 voip\n session server-group 1\n voice-class sip options-keepalive "
      "profile 1\n!\n"
      "dial-peer voice 20 voip\n session server-group 2\n voice-class sip options-keepalive "
      "profile 1\n";
  Config a = load_ok(base);
  Config b = load_ok(base + "voice class server-group 2\n ipv4 10.0.0.3\n");
  const auto d = daemon::diff_config(a, b);
  EXPECT_EQ(d.dial_peers, std::vector<long>{20});
  EXPECT_EQ(d.server_groups, std::vector<long>{2});
  EXPECT_EQ(daemon::describe(d), "dial-peer 20, server-group 2");
}

}  // namespace
}  // namespace gw::config
