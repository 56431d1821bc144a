// Every configuration command with its no/default form, through the loader (strict mode).
#include <gtest/gtest.h>

#include "config/loader.hpp"
#include "load_helpers.hpp"

namespace gw::config {
namespace {

using test::load_error;
using test::load_ok;

TEST(SipUaCommands, KeepaliveTargetForms) {
  Config c = load_ok(
      "sip-ua\n keepalive target ipv4:172.16.0.10\n keepalive target dns:sip.example.com:5070 tcp "
      "tls secondary\n");
  ASSERT_TRUE(c.sip_ua.primary);
  EXPECT_EQ(c.sip_ua.primary->transport, Transport::udp);
  EXPECT_EQ(c.sip_ua.primary->port(), 5060);
  ASSERT_TRUE(c.sip_ua.secondary);
  EXPECT_EQ(c.sip_ua.secondary->transport, Transport::tls);
  EXPECT_EQ(c.sip_ua.secondary->port(), 5070);
  Config tls = load_ok("sip-ua\n keepalive target ipv6:[2001:db8::10] tcp tls\n");
  EXPECT_EQ(tls.sip_ua.primary->port(), 5061);
  Config removed = load_ok(
      "sip-ua\n keepalive target ipv4:1.1.1.1\n keepalive target ipv4:2.2.2.2 secondary\n"
      " no keepalive target secondary\n");
  EXPECT_TRUE(removed.sip_ua.primary);
  EXPECT_FALSE(removed.sip_ua.secondary);
  Config dflt = load_ok("sip-ua\n keepalive target ipv4:1.1.1.1\n default keepalive target\n");
  EXPECT_FALSE(dflt.sip_ua.primary);
}

TEST(SipUaCommands, TriggerTimersRetryAndTheirDefaults) {
  Config c = load_ok(
      "sip-ua\n keepalive trigger 8\n timers keepalive active 60 down 10\n retry keepalive 3\n");
  EXPECT_EQ(c.sip_ua.keepalive_trigger, 8);
  EXPECT_EQ(c.sip_ua.timers_active, 60);
  EXPECT_EQ(c.sip_ua.timers_down, 10);
  EXPECT_EQ(c.sip_ua.retry_keepalive, 3);
  Config n = load_ok(
      "sip-ua\n keepalive trigger 8\n no keepalive trigger 8\n timers keepalive active 60 down 10\n"
      " no timers keepalive\n retry keepalive 3\n no retry keepalive\n");
  EXPECT_EQ(n.sip_ua, SipUa{});
  Config d = load_ok(
      "sip-ua\n keepalive trigger 8\n default keepalive trigger\n retry keepalive 2\n default "
      "retry keepalive\n");
  EXPECT_EQ(d.sip_ua, SipUa{});
  Config bare_no = load_ok("sip-ua\n keepalive trigger 8\n no keepalive trigger\n");
  EXPECT_EQ(bare_no.sip_ua.keepalive_trigger, 3);
}

TEST(SipUaCommands, RangesAreEnforcedWithTheCaretOnTheValue) {
  EXPECT_EQ(load_error("sip-ua\n keepalive trigger 11\n").column, 20u);
  EXPECT_EQ(load_error("sip-ua\n timers keepalive active 9 down 10\n").column, 26u);
  EXPECT_EQ(load_error("sip-ua\n timers keepalive active 60 down 121\n").column, 34u);
  EXPECT_EQ(load_error("sip-ua\n retry keepalive 0\n").column, 18u);
  EXPECT_EQ(load_error("sip-ua\n keepalive target ipv4:1.2.3.4 tls\n").column, 32u);
}

TEST(VoicePortCommands, BusyoutDescriptionShutdown) {
  Config c = load_ok(
      "voice-port 0/0/1\n busyout monitor keepalive\n description Lobby phone\n shutdown\n"
      "voice-port 1/2\n busyout monitor keepalive\n no busyout monitor keepalive\n");
  auto& p = c.voice_ports.at(*VoicePortId::parse("0/0/1"));
  EXPECT_TRUE(p.busyout_monitor_keepalive);
  EXPECT_EQ(p.description, "Lobby phone");
  EXPECT_TRUE(p.shutdown);
  EXPECT_FALSE(c.voice_ports.at(*VoicePortId::parse("1/2")).busyout_monitor_keepalive);
  Config n =
      load_ok("voice-port 0/0/1\n description x\n no description\n shutdown\n no shutdown\n");
  EXPECT_EQ(n.voice_ports.begin()->second, VoicePort{});
}

TEST(SccpCommands, GlobalLines) {
  Config c = load_ok(
      "sccp local eth0\nsccp ccm 10.0.0.1 identifier 1 version 7.0\n"
      "sccp ccm cucm2.example.com identifier 2 port 2001 version 5.0.1\n"
      "sccp ccm 10.0.0.3 identifier 3 priority 2 version 3.1\nsccp\n");
  EXPECT_EQ(c.sccp_local, "eth0");
  EXPECT_TRUE(c.sccp_enabled);
  EXPECT_EQ(c.sccp_ccms.at(2).effective_port(), 2001);
  EXPECT_EQ(c.sccp_ccms.at(1).effective_port(), 2000);
  EXPECT_EQ(*c.sccp_ccms.at(3).priority, 2);
  Config n = load_ok(
      "sccp\nno sccp\nsccp local eth0\nno sccp local\nsccp ccm 10.0.0.1 identifier 1 version 7.0\n"
      "no sccp ccm 10.0.0.1 identifier 1 version 7.0\n");
  EXPECT_FALSE(n.sccp_enabled);
  EXPECT_TRUE(n.sccp_local.empty());
  EXPECT_TRUE(n.sccp_ccms.empty());
}

constexpr std::string_view kCcms =
    "sccp ccm 10.0.0.1 identifier 1 version 7.0\nsccp ccm 10.0.0.2 identifier 2 version 7.0\n";

TEST(CcmGroupCommands, EverySettingAndItsDefault) {
  Config c = load_ok(
      std::string(kCcms) +
      "sccp ccm group 5\n description Lab group\n bind interface eth1\n associate ccm 1 priority "
      "1\n"
      " associate ccm 2 priority 2\n associate profile 7 register MTP0007\n keepalive retries 7\n"
      " keepalive timeout 120\n connect retries 5\n connect interval 10\n registration retries 4\n"
      " registration timeout 9\n switchover method immediate\n switchback method uptime\n"
      " switchback interval 30\n");
  const CcmGroup& g = c.ccm_groups.at(5);
  EXPECT_EQ(g.description, "Lab group");
  EXPECT_EQ(g.bind_interface, "eth1");
  EXPECT_EQ(g.ccm_by_priority.at(1), 1);
  EXPECT_EQ(g.ccm_by_priority.at(2), 2);
  EXPECT_EQ(g.profiles.at(0).device_name, "MTP0007");
  EXPECT_EQ(g.keepalive_retries, 7);
  EXPECT_EQ(g.keepalive_timeout, 120);
  EXPECT_EQ(g.connect_retries, 5);
  EXPECT_EQ(g.connect_interval, 10);
  EXPECT_EQ(g.registration_retries, 4);
  EXPECT_EQ(g.registration_timeout, 9);
  EXPECT_EQ(g.switchover, SwitchoverMethod::immediate);
  EXPECT_EQ(g.switchback, SwitchbackMethod::uptime);
  EXPECT_EQ(g.switchback_interval, 30);

  Config d = load_ok(
      std::string(kCcms) +
      "sccp ccm group 5\n keepalive retries 7\n no keepalive retries\n keepalive timeout 120\n"
      " default keepalive timeout\n connect retries 5\n no connect retries 5\n connect interval "
      "10\n"
      " default connect interval\n registration retries 4\n no registration retries\n"
      " registration timeout 9\n default registration timeout\n switchover method immediate\n"
      " no switchover method\n switchback method guard 600\n default switchback method\n"
      " switchback interval 30\n no switchback interval\n description x\n no description\n"
      " bind interface eth1\n no bind interface\n associate ccm 1 priority 1\n no associate ccm 1\n"
      " associate profile 7 register X\n no associate profile 7\n");
  EXPECT_EQ(d.ccm_groups.at(5), CcmGroup{});
}

TEST(CcmGroupCommands, SwitchbackGuardTakesAnOptionalTime) {
  Config c = load_ok("sccp ccm group 1\n switchback method guard 600\n");
  EXPECT_EQ(c.ccm_groups.at(1).switchback_guard, 600);
  Config bare = load_ok("sccp ccm group 1\n switchback method guard\n");
  EXPECT_EQ(bare.ccm_groups.at(1).switchback_guard, 7200);
  EXPECT_EQ(load_error("sccp ccm group 1\n switchback method guard 59\n").column, 26u);
}

TEST(CcmGroupCommands, CrossChecksAsIosMakesThem) {
  auto undefined = load_error("sccp ccm group 1\n associate ccm 9 priority 1\n");
  EXPECT_EQ(undefined.column, 16u);
  EXPECT_NE(undefined.message.find("CCM identifier 9 is not configured"), std::string::npos);
  auto same_prio =
      load_error(std::string(kCcms) +
                 "sccp ccm group 1\n associate ccm 1 priority 1\n associate ccm 2 priority 1\n");
  EXPECT_EQ(same_prio.line, 5u);
  EXPECT_EQ(same_prio.column, 27u);
  auto long_name = load_error("sccp ccm group 1\n associate profile 1 register ABCDEFGHIJKLMNOP\n");
  EXPECT_EQ(long_name.column, 31u);
  auto in_use = load_error(
      std::string(kCcms) +
      "sccp ccm group 1\n associate ccm 1 priority 1\nno sccp ccm 10.0.0.1 identifier 1\n");
  EXPECT_NE(in_use.message.find("associated with sccp ccm group 1"), std::string::npos);
  EXPECT_EQ(load_error("sccp ccm group 51\n").column, 16u);
  EXPECT_EQ(load_error("sccp ccm group 1\n keepalive retries 33\n").column, 20u);
  EXPECT_EQ(load_error("sccp ccm group 1\n keepalive timeout 181\n").column, 20u);
}

TEST(DspfarmCommands, ProfileKindsAndSettings) {
  Config c = load_ok(
      "dspfarm profile 1 conference\n associate application SCCP\n maximum sessions 2\n no "
      "shutdown\n"
      "dspfarm profile 2 mtp\n shutdown\ndspfarm profile 3 transcode\n");
  EXPECT_TRUE(c.dspfarm_profiles.at(1).associate_sccp);
  EXPECT_EQ(*c.dspfarm_profiles.at(1).maximum_sessions, 2);
  EXPECT_FALSE(c.dspfarm_profiles.at(1).shutdown);
  EXPECT_TRUE(c.dspfarm_profiles.at(2).shutdown);
  EXPECT_EQ(device_type(c.dspfarm_profiles.at(2).kind), 110);
  EXPECT_EQ(device_type(c.dspfarm_profiles.at(3).kind), 111);
  EXPECT_EQ(device_type(c.dspfarm_profiles.at(1).kind), 50);
  auto kind_change = load_error("dspfarm profile 1 conference\ndspfarm profile 1 mtp\n");
  EXPECT_EQ(kind_change.column, 19u);
}

TEST(GlobalCommands, HostnameAndNameServers) {
  Config c = load_ok("hostname vgw-1\nip name-server 127.0.0.1 ::1\n");
  EXPECT_EQ(c.hostname, "vgw-1");
  EXPECT_EQ(c.name_servers, (std::vector<std::string>{"127.0.0.1", "::1"}));
  Config n = load_ok("hostname x\nno hostname\nip name-server 127.0.0.1\nno ip name-server\n");
  EXPECT_EQ(n, Config{});
}

}  // namespace
}  // namespace gw::config
