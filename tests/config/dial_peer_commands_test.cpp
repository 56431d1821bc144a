// CUBE dial-peer OPTIONS keepalive commands: profiles, dial-peers, their no/default forms.
#include <gtest/gtest.h>

#include "config/loader.hpp"
#include "config/render.hpp"
#include "load_helpers.hpp"

namespace gw::config {
namespace {

using test::load_ok;

TEST(KeepaliveProfileCommands, SettingsAndDefaults) {
  Config c = load_ok(
      "voice class sip-options-keepalive 100\n up-interval 30\n down-interval 10\n retry 3\n"
      " transport tcp tls\n sip-profiles 7\n description Trunks\n shutdown\n");
  const auto& p = c.keepalive_profiles.at(100);
  EXPECT_EQ(p.up_interval, 30);
  EXPECT_EQ(p.down_interval, 10);
  EXPECT_EQ(p.retry, 3);
  EXPECT_EQ(p.transport, Transport::tls);
  EXPECT_EQ(p.sip_profiles, "7");
  EXPECT_TRUE(p.shutdown);
  Config d = load_ok(
      "voice class sip-options-keepalive 100\n up-interval 30\n no up-interval\n down-interval 10\n"
      " default down-interval\n retry 3\n no retry\n transport tcp\n no transport\n sip-profiles "
      "7\n"
      " no sip-profiles\n description x\n no description\n shutdown\n no shutdown\n");
  EXPECT_EQ(d.keepalive_profiles.at(100), OptionsKeepaliveProfile{});
}

TEST(KeepaliveProfileCommands, RangesAsCube) {
  for (const char* bad :
       {" up-interval 4\n", " up-interval 1201\n", " down-interval 4\n", " retry 11\n"}) {
    auto r = load_config_text(std::string("voice class sip-options-keepalive 1\n") + bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  EXPECT_FALSE(load_config_text("voice class sip-options-keepalive 10001\n").ok());
}

TEST(DialPeerCommands, SessionTargetTransportAndProfile) {
  Config c = load_ok(
      "voice class sip-options-keepalive 100\ndial-peer voice 1000 voip\n session target "
      "ipv4:192.0.2.10\n"
      " session transport tcp tls\n voice-class sip options-keepalive profile 100\n");
  const auto& d = c.dial_peers.at(1000);
  EXPECT_EQ(d.session_target->host, "192.0.2.10");
  EXPECT_EQ(*d.session_transport, Transport::tls);
  EXPECT_EQ(*d.keepalive_profile, 100);
}

TEST(DialPeerCommands, InlineFormInAnyOrder) {
  Config c = load_ok(
      "dial-peer voice 1 voip\n voice-class sip options-keepalive retry 4 down-interval 15 "
      "up-interval 20\n");
  const auto& k = *c.dial_peers.at(1).inline_keepalive;
  EXPECT_EQ(*k.up_interval, 20);
  EXPECT_EQ(*k.down_interval, 15);
  EXPECT_EQ(*k.retry, 4);
  Config bare = load_ok("dial-peer voice 1 voip\n voice-class sip options-keepalive\n");
  EXPECT_TRUE(bare.dial_peers.at(1).inline_keepalive);
  Config removed = load_ok(
      "dial-peer voice 1 voip\n voice-class sip options-keepalive\n no voice-class sip "
      "options-keepalive\n");
  EXPECT_FALSE(removed.dial_peers.at(1).inline_keepalive);
}

TEST(DialPeerCommands, UndefinedProfileAndProfileInUseAreRefused) {
  auto undefined =
      load_config_text("dial-peer voice 1 voip\n voice-class sip options-keepalive profile 9\n");
  ASSERT_EQ(undefined.errors.size(), 1u);
  EXPECT_EQ(undefined.errors[0].column, 44u);
  auto in_use = load_config_text(
      "voice class sip-options-keepalive 9\ndial-peer voice 1 voip\n"
      " voice-class sip options-keepalive profile 9\nno voice class sip-options-keepalive 9\n");
  ASSERT_EQ(in_use.errors.size(), 1u);
  EXPECT_EQ(in_use.errors[0].line, 4u);
}

TEST(DialPeerCommands, RenderRoundTrips) {
  Config c = load_ok(
      "voice class sip-options-keepalive 100\n retry 3\ndial-peer voice 7 voip\n session target "
      "ipv6:[2001:db8::5]:5080\n"
      " voice-class sip options-keepalive profile 100\n shutdown\ndial-peer voice 8 voip\n"
      " session target dns:sbc.example.net\n voice-class sip options-keepalive up-interval 20\n");
  std::string text = render_running_config(c);
  auto again = load_config_text(text);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.config, c);
  EXPECT_EQ(render_running_config(again.config), text);
}

}  // namespace
}  // namespace gw::config
