#include "cli/token_types.hpp"

#include <gtest/gtest.h>

namespace gw::cli {
namespace {

TEST(TokenTypes, Ipv4IsStrict) {
  EXPECT_TRUE(is_ipv4("172.16.0.10"));
  EXPECT_FALSE(is_ipv4("300.1.1.1"));
  EXPECT_FALSE(is_ipv4("1.2.3"));
  EXPECT_FALSE(is_ipv4(std::string_view("1.2.3.4\0", 8)));
}

TEST(TokenTypes, SipServerWordIsSyntaxWithTheHostAsWritten) {
  auto v6 = split_sip_server("ipv6:[2001:db8::10]:5070");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->kind, SipServerWord::Kind::ipv6);
  EXPECT_EQ(v6->host, "2001:db8::10");
  EXPECT_EQ(*v6->port, 5070);
  auto dns = split_sip_server("DNS:Sip.Example.COM");
  ASSERT_TRUE(dns);
  EXPECT_EQ(dns->kind, SipServerWord::Kind::dns);
  EXPECT_EQ(dns->host, "Sip.Example.COM");
  EXPECT_FALSE(dns->port);
  EXPECT_TRUE(matches(TokenKind::sip_server, "ipv4:10.0.0.1:5060", 0, 0));
  for (const char* bad : {"ipv4:1.2.3.4:0", "ipv6:[::1", "dns:", "172.16.0.10"}) {
    EXPECT_FALSE(split_sip_server(bad)) << bad;
    EXPECT_FALSE(matches(TokenKind::sip_server, bad, 0, 0)) << bad;
  }
}

TEST(TokenTypes, VoicePortsAndNames) {
  EXPECT_TRUE(is_voice_port("0/1"));
  EXPECT_TRUE(is_voice_port("0/0/1"));
  EXPECT_FALSE(is_voice_port("0/0/0/1"));
  EXPECT_FALSE(is_voice_port("0/"));
  EXPECT_TRUE(is_ifname("eth0"));
  EXPECT_FALSE(is_ifname("GigabitEthernet0/0"));
  EXPECT_FALSE(is_ifname("averyveryverylongname"));
  EXPECT_TRUE(is_device_name("CFB1"));
  EXPECT_TRUE(is_device_name("ABCDEFGHIJKLMNO"));
  EXPECT_FALSE(is_device_name("ABCDEFGHIJKLMNOP"));
  EXPECT_TRUE(is_version("7.0"));
  EXPECT_TRUE(is_version("5.0.1"));
  EXPECT_TRUE(is_version("7.0+"));
  EXPECT_FALSE(is_version("7..0"));
}

}  // namespace
}  // namespace gw::cli
