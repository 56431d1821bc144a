// config::SipServer: the SIP-SERVER forms parsed into the model and written back.
#include "config/sip_server.hpp"

#include <gtest/gtest.h>

#include "config/model.hpp"

namespace gw::config {
namespace {

TEST(SipServer, SipServerForms) {
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

TEST(SipServer, FormatRoundTrips) {
  for (const char* s :
       {"ipv4:10.0.0.1", "ipv4:10.0.0.1:5070", "ipv6:2001:db8::1", "ipv6:[2001:db8::1]:5062",
        "dns:sip.example.com", "dns:sip.example.com:5080"})
    EXPECT_EQ(format_sip_server(*parse_sip_server(s)), s);
}

TEST(SipServer, ConfiguredTextWritesTheProbedPortForAddressesOnly) {
  KeepaliveTarget v4{*parse_sip_server("ipv4:10.0.0.1"), Transport::tls};
  EXPECT_EQ(configured_text(v4), "ipv4:10.0.0.1:5061");
  KeepaliveTarget v6{*parse_sip_server("ipv6:2001:db8::1"), Transport::udp};
  EXPECT_EQ(configured_text(v6), "ipv6:[2001:db8::1]:5060");
  KeepaliveTarget dns{*parse_sip_server("dns:sip.example.com"), Transport::udp};
  EXPECT_EQ(configured_text(dns), "dns:sip.example.com");
}

}  // namespace
}  // namespace gw::config
