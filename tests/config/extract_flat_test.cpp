// `check --extract` on configurations whose indentation was lost (copied off web pages) and on
// their indented originals: IOS's rule, a line not valid in the current mode is tried in the
// enclosing modes, and an unknown block's children are skipped however they are indented.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config/loader.hpp"
#include "config/render.hpp"

namespace gw::config {
namespace {

std::string flat(std::string_view text) {
  std::string out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    const auto first = line.find_first_not_of(" \t");
    out += (first == std::string::npos ? std::string() : line.substr(first)) + "\n";
  }
  return out;
}

std::string file(const char* name) {
  std::ifstream in(std::string(GW_SOURCE_DIR) + "/tests/config/data/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool skipped(const LoadResult& r, std::string_view text) {
  for (const auto& d : r.skipped)
    if (d.text.find_first_not_of(' ') != std::string::npos &&
        d.text.substr(d.text.find_first_not_of(' ')) == text)
      return true;
  return false;
}

TEST(ExtractFlat, TheIssuesMinimalCase) {
  const std::string text =
      "voice class sip-options-keepalive 101\nup-interval 30\n!\ndial-peer voice 1 voip\n"
      "session target ipv4:10.0.0.1\nvoice-class sip options-keepalive profile 101\n";
  for (const std::string& copy :
       {text, std::string("voice class sip-options-keepalive 101\n up-interval "
                          "30\n!\ndial-peer voice 1 voip\n session target "
                          "ipv4:10.0.0.1\n voice-class sip options-keepalive "
                          "profile 101\n")}) {
    auto r = load_config_text(copy, LoadMode::extract);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.skipped.empty()) << r.skipped.front().text;
    EXPECT_EQ(r.config.keepalive_profiles.at(101).up_interval, 30);
    EXPECT_EQ(r.config.dial_peers.at(1).keepalive_profile, 101);
    EXPECT_TRUE(r.config.dial_peers.at(1).session_target);
    EXPECT_EQ(r.config, load_config_text(copy).config) << "check -c reads the same";
  }
}

TEST(ExtractFlat, FlatAndIndentedCopiesGiveTheSameConfiguration) {
  const std::string indented = file("cube_server_group.cfg");
  ASSERT_FALSE(indented.empty());
  auto a = load_config_text(indented, LoadMode::extract);
  auto b = load_config_text(flat(indented), LoadMode::extract);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(render_running_config(a.config), render_running_config(b.config));
  EXPECT_EQ(a.config, b.config);
  for (const LoadResult* r : {&a, &b}) {
    const Config& c = r->config;
    EXPECT_EQ(c.hostname, "CUBE-SP1");
    ASSERT_EQ(c.server_groups.size(), 2u);
    const ServerGroup& g1 = c.server_groups.at(1);
    ASSERT_EQ(g1.members.size(), 3u);
    EXPECT_EQ(*g1.members[2].port, 5070);
    EXPECT_EQ(g1.members[2].preference, 3);
    EXPECT_TRUE(g1.hunt_round_robin);
    EXPECT_EQ(g1.description, "ITSP primary and secondary SBC");
    EXPECT_EQ(c.server_groups.at(2).members[2].address, "2001:db8::10");
    const auto& p101 = c.keepalive_profiles.at(101);
    EXPECT_EQ(p101.up_interval, 30);
    EXPECT_EQ(p101.down_interval, 15);
    EXPECT_EQ(p101.retry, 3);
    EXPECT_EQ(p101.transport, Transport::tcp);
    EXPECT_EQ(c.dial_peers.at(100).server_group, 1);
    EXPECT_EQ(c.dial_peers.at(100).keepalive_profile, 101);
    EXPECT_EQ(c.dial_peers.at(100).session_transport, Transport::tcp);
    EXPECT_EQ(c.dial_peers.at(200).server_group, 2);
    EXPECT_EQ(c.dial_peers.at(201).server_group, 2);
    EXPECT_FALSE(c.dial_peers.at(300).shutdown) << "the pots dial-peer's shutdown is its own";
    EXPECT_EQ(c.dial_peers.count(9), 0u);
    EXPECT_TRUE(c.dial_peers.at(300).inline_keepalive);
    const auto& port = c.voice_ports.begin()->second;
    EXPECT_TRUE(port.busyout_monitor_keepalive);
    EXPECT_EQ(port.description, "Fax line");
    EXPECT_EQ(c.sip_ua.retry_keepalive, 4);
    EXPECT_EQ(c.sip_ua.timers_active, 120);
    EXPECT_EQ(c.name_servers, std::vector<std::string>{"10.10.10.53"});
    for (const char* text :
         {"interface GigabitEthernet1", "description WAN to ITSP", "shutdown",
          "voice class tenant 1", "description ITSP tenant", "dial-peer voice 9 pots",
          "destination-pattern 9T", "session protocol sipv2", "codec preference 1 g711ulaw"})
      EXPECT_TRUE(skipped(*r, text)) << text;
  }
}

TEST(ExtractFlat, UnknownBlockChildrenAreSkippedHoweverIndented) {
  for (const char* text :
       {"dial-peer voice 1 voip\n description kept\ninterface Gi0/0\n description lost\n "
        "shutdown\n",
        "dial-peer voice 1 voip\ndescription kept\ninterface Gi0/0\ndescription lost\n"
        "shutdown\n"}) {
    auto r = load_config_text(text, LoadMode::extract);
    ASSERT_TRUE(r.ok());
    const DialPeer& dp = r.config.dial_peers.at(1);
    EXPECT_EQ(dp.description, "kept") << text;
    EXPECT_FALSE(dp.shutdown) << text;
    EXPECT_EQ(r.skipped.size(), 3u) << text;
  }
}

TEST(ExtractFlat, IndentedConfigurationStillEndsABlockAtAnUnindentedLine) {
  auto r = load_config_text(
      "dial-peer voice 1 voip\n session target ipv4:10.0.0.1\nfoo bar\n shutdown\n",
      LoadMode::extract);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.config.dial_peers.at(1).shutdown);
  EXPECT_TRUE(skipped(r, "foo bar"));
  EXPECT_TRUE(skipped(r, "shutdown"));
}

}  // namespace
}  // namespace gw::config
