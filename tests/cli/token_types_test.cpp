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

TEST(TokenTypes, SipServerForms) {
  auto v4 = parse_sip_server("ipv4:172.16.0.10:5070");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "172.16.0.10");
  EXPECT_EQ(*v4->port, 5070);
  auto v6 = parse_sip_server("ipv6:[2001:db8::10]:5070");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "2001:db8::10");
  EXPECT_EQ(*v6->port, 5070);
  auto bare6 = parse_sip_server("ipv6:2001:db8::10");
  ASSERT_TRUE(bare6);
  EXPECT_FALSE(bare6->port);
  auto dns = parse_sip_server("DNS:Sip.Example.COM:5080");
  ASSERT_TRUE(dns);
  EXPECT_EQ(dns->host, "sip.example.com");
  EXPECT_EQ(*dns->port, 5080);
  for (const char* bad :
       {"ipv4:1.2.3.4:0", "ipv4:1.2.3.4:65536", "ipv4:host", "ipv6:[::1", "ipv6:[::1]x",
        "dns:", "dns:-bad", "172.16.0.10", "ipv6:1.2.3.4", "ipv4:1.2.3.4:"})
    EXPECT_FALSE(parse_sip_server(bad)) << bad;
}

TEST(TokenTypes, FormatRoundTrips) {
  for (const char* s :
       {"ipv4:10.0.0.1", "ipv4:10.0.0.1:5070", "ipv6:2001:db8::1", "ipv6:[2001:db8::1]:5062",
        "dns:sip.example.com", "dns:sip.example.com:5080"})
    EXPECT_EQ(format_sip_server(*parse_sip_server(s)), s);
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
