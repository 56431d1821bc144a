// Loading files: strictness, atomicity, extract mode and hostile bytes.
#include "config/loader.hpp"

#include <gtest/gtest.h>

#include <random>

#include "config/render.hpp"

namespace gw::config {
namespace {

constexpr std::string_view kFull =
    "hostname vgw1\nip name-server 127.0.0.1\nvoice-port 0/0/1\n busyout monitor keepalive\n "
    "description Lobby\n"
    "voice-port 0/0/2\n shutdown\nsccp local eth0\nsccp ccm 10.0.0.1 identifier 1 version 7.0\n"
    "sccp ccm 10.0.0.2 identifier 2 port 2001 version 7.0\nsccp\nsccp ccm group 1\n associate ccm "
    "1 priority 1\n"
    " associate ccm 2 priority 2\n associate profile 1 register CFB1\n keepalive retries 7\n "
    "keepalive timeout 120\n"
    " switchback method guard 600\ndspfarm profile 1 conference\n associate application SCCP\n "
    "maximum sessions 2\n"
    " no shutdown\nsip-ua\n keepalive target ipv4:172.16.0.10\n keepalive target "
    "ipv6:[2001:db8::20]:5070 tcp secondary\n"
    " keepalive trigger 8\n retry keepalive 3\n timers keepalive active 60 down 10\n";

TEST(Render, RunningConfigIsCanonicalAndStable) {
  auto first = load_config_text(kFull);
  ASSERT_TRUE(first.ok());
  std::string text = render_running_config(first.config);
  auto second = load_config_text(text);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.config, first.config);
  EXPECT_EQ(render_running_config(second.config), text);
  EXPECT_EQ(text.substr(0, 16), "!\nhostname vgw1\n");
  EXPECT_EQ(text.substr(text.size() - 6), "!\nend\n");
  EXPECT_NE(text.find("sip-ua\n keepalive target ipv4:172.16.0.10\n keepalive target "
                      "ipv6:[2001:db8::20]:5070 tcp secondary\n"),
            std::string::npos);
}

TEST(Render, DefaultsAreHidden) {
  auto r = load_config_text(
      "sip-ua\n keepalive trigger 3\n retry keepalive 6\n timers keepalive active 120 down 30\n"
      " keepalive target ipv4:10.0.0.1 udp\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(render_running_config(r.config),
            "!\nsip-ua\n keepalive target ipv4:10.0.0.1\n!\nend\n");
}

TEST(Render, EmptyConfig) {
  EXPECT_EQ(render_running_config(Config{}), "!\nend\n");
}

TEST(Loader, OneBadLineRejectsTheWholeFile) {
  auto r = load_config_text("hostname a\nsip-ua\n keepalive trigger 99\n retry keepalive 2\n");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.config, Config{}) << "nothing of a rejected file is applied";
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 3u);
  EXPECT_EQ(r.errors[0].column, 20u);
}

TEST(Loader, EveryErrorIsReported) {
  auto r = load_config_text("bogus\nsip-ua\n keepalive\n keepalive t 1\n");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_EQ(r.errors[0].message, "% Invalid input detected at '^' marker.");
  EXPECT_EQ(r.errors[1].message, "% Incomplete command.");
  EXPECT_EQ(r.errors[2].message, "% Ambiguous command:  \"keepalive t 1\"");
}

TEST(Loader, DiagnosticFormat) {
  auto r = load_config_text("sccp ccm group 1\n\tkeepalive retries 33\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(format_diagnostic("f.cfg", r.errors[0]),
            "f.cfg:2:20: % Invalid input detected at '^' marker.\n keepalive retries 33\n          "
            "         ^\n");
}

TEST(Loader, CrlfTabsTrailingBlanksAndEndAreFine) {
  auto r = load_config_text("sip-ua\r\n\tkeepalive trigger 4   \r\n!\r\nend\r\nhostname x\r\n");
  ASSERT_TRUE(r.ok()) << r.errors[0].message;
  EXPECT_EQ(r.config.sip_ua.keepalive_trigger, 4);
  EXPECT_EQ(r.config.hostname, "x");
}

TEST(Loader, NulAndControlBytesAreInvalidInputNotACrash) {
  std::string text =
      "sip-ua\n keepalive trigger 3\nhostname a\x01"
      "b\n";
  text.insert(text.find("trig") + 4, 1, '\0');
  ASSERT_EQ(text.size(), 42u);
  auto r = load_config_text(text);
  EXPECT_EQ(r.errors.size(), 2u);
  for (const auto& e : r.errors) EXPECT_EQ(e.text.find('\0'), std::string::npos);
}

TEST(Loader, OverlongLineIsAnErrorAndMemoryStaysBounded) {
  std::string text = "hostname " + std::string(200000, 'x') + "\nhostname ok\n";
  auto r = load_config_text(text);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].line, 1u);
  EXPECT_LE(r.errors[0].text.size(), 80u);
}

TEST(Loader, NonUtf8DescriptionIsKeptAsBytes) {
  auto r = load_config_text("voice-port 0/1\n description caf\xe9 \xff\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.voice_ports.begin()->second.description, "caf\xe9 \xff");
}

TEST(Loader, RandomBytesNeverCrash) {
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    std::size_t len = rng() % 400;
    for (std::size_t i = 0; i < len; ++i) {
      // Mix keyword fragments with raw bytes so the matcher goes deep.
      static const char* kWords[] = {
          "sip-ua ", "keepalive ", "target ",     "ipv4:", "ipv6:[", "sccp ",
          "ccm ",    "group ",     "1 ",          "\n",    " ",      "?",
          "no ",     "default ",   "voice-port ", "0/0/1 "};
      if (rng() % 3)
        text += kWords[rng() % 16];
      else
        text += static_cast<char>(rng() % 256);
    }
    auto r = load_config_text(text);
    if (r.ok()) {
      auto again = load_config_text(render_running_config(r.config));
      EXPECT_TRUE(again.ok());
      EXPECT_EQ(again.config, r.config);
    }
  }
}

TEST(Extract, KeepsKnownCommandsOfARouterConfig) {
  std::string router =
      "Building configuration...\r\n\r\nCurrent configuration : 2048 bytes\r\n!\r\n! Last "
      "configuration change\r\n"
      "version 15.7\r\nservice timestamps debug datetime msec\r\nhostname RTR1\r\n!\r\n"
      "banner motd ^C\r\nAuthorized access only\r\nsip-ua\r\n^C\r\n"
      "interface GigabitEthernet0/0\r\n ip address 10.0.0.254 255.255.255.0\r\n duplex "
      "auto\r\n!\r\n"
      "voice-port 0/0/1\r\n\tbusyout monitor keepalive\r\n\tcptone DE\r\n!\r\n"
      "sccp local GigabitEthernet0/0\r\nsccp ccm 10.0.0.1 identifier 1 version 7.0\r\nsccp\r\n!\r\n"
      "sccp ccm group 1\r\n associate ccm 1 priority 1\r\n keepalive retries 5\r\n!\r\n"
      "dspfarm profile 1 conference\r\n codec g711ulaw\r\n maximum sessions 2\r\n associate "
      "application SCCP\r\n!\r\n"
      "sip-ua\r\n keepalive target ipv4:172.16.0.10\r\n registrar ipv4:172.16.0.10 expires 3600\r\n"
      " retry keepalive 4\r\n!!\r\nline vty 0 4\r\n login\r\n!\r\nend\r\n";
  auto r = load_config_text(router, LoadMode::extract);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.config.hostname, "RTR1");
  EXPECT_TRUE(r.config.voice_ports.begin()->second.busyout_monitor_keepalive);
  EXPECT_EQ(r.config.ccm_groups.at(1).keepalive_retries, 5);
  EXPECT_EQ(*r.config.dspfarm_profiles.at(1).maximum_sessions, 2);
  EXPECT_EQ(r.config.sip_ua.retry_keepalive, 4);
  EXPECT_TRUE(r.config.sip_ua.primary);
  EXPECT_TRUE(r.config.sccp_local.empty()) << "GigabitEthernet0/0 is no Linux interface name";
  std::vector<std::string> skipped;
  for (const auto& s : r.skipped) skipped.push_back(s.text);
  for (const char* expect :
       {"version 15.7", "banner motd ^C", "interface GigabitEthernet0/0",
        " ip address 10.0.0.254 255.255.255.0", " cptone DE", "sccp local GigabitEthernet0/0",
        " codec g711ulaw", " registrar ipv4:172.16.0.10 expires 3600", "line vty 0 4", " login"})
    EXPECT_NE(std::find(skipped.begin(), skipped.end(), expect), skipped.end()) << expect;
  for (const auto& s : skipped)
    EXPECT_EQ(s.find("Authorized"), std::string::npos) << "banner body is not listed";
}

// One Session for many loads (the fuzz targets): each load starts from an empty Config in
// global configuration mode, so its result equals a load on a fresh Session.
TEST(Loader, ASessionReusedLoadsLikeAFreshOne) {
  const std::vector<std::string_view> texts = {
      kFull,
      "dial-peer voice 7 voip\n",               // ends inside a sub-mode
      " session target ipv4:127.0.0.1:5060\n",  // valid only inside that sub-mode
      "hostname x\nbogus line\n",
      "",
      kFull,
  };
  Session session;
  for (auto mode : {LoadMode::strict, LoadMode::extract}) {
    for (std::string_view text : texts) {
      const auto fresh = load_config_text(text, mode);
      const auto reused = load_config_text(text, mode, session);
      EXPECT_EQ(reused.ok(), fresh.ok()) << text;
      EXPECT_EQ(reused.errors.size(), fresh.errors.size()) << text;
      EXPECT_EQ(reused.skipped.size(), fresh.skipped.size()) << text;
      EXPECT_EQ(reused.lines, fresh.lines) << text;
      EXPECT_TRUE(reused.config == fresh.config) << text;
      EXPECT_EQ(render_running_config(reused.config), render_running_config(fresh.config));
    }
  }
}

}  // namespace
}  // namespace gw::config
