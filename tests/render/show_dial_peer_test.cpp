#include "render/show_dial_peer.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

DaemonSnapshot sample() {
  DialPeerKeepaliveSnapshot s;
  config::OptionsKeepaliveProfile prof;
  prof.up_interval = 30;
  prof.description = "carrier A";
  s.profiles[1] = prof;
  DialPeerStateSnapshot a;
  a.tag = 100;
  a.session_target = "ipv4:127.0.0.1:5060";
  a.keepalive = true;
  a.profile = 1;
  a.address = "127.0.0.1:5060";
  a.consecutive_successes = 4;
  a.last_status = 404;
  a.last_rtt = std::chrono::microseconds(1500);
  a.attempts = 4;
  DialPeerStateSnapshot b = a;
  b.tag = 200;
  b.session_target = "ipv4:127.0.0.1:5070";
  b.address = "127.0.0.1:5070";
  b.state = keepalive::TargetState::down;
  b.consecutive_successes = 0;
  b.last_status = 503;
  b.last_rtt.reset();
  b.last_failure = keepalive::FailureReason::status_503;
  b.failures = 4;
  DialPeerStateSnapshot c;
  c.tag = 300;
  c.session_target = "dns:sbc.example.com";
  c.admin_up = false;
  DialPeerStateSnapshot d;
  d.tag = 400;
  s.peers = {a, b, c, d};
  s.lateness = {10, std::chrono::microseconds(100), std::chrono::microseconds(900),
                std::chrono::microseconds(1200)};
  s.probes = 10;
  DaemonSnapshot out;
  out.dial_peers = s;
  return out;
}

TEST(ShowDialPeer, SummaryHasAKeepaliveColumnActiveOrBusyoutAndOperDownWhenBusiedOut) {
  EXPECT_EQ(
      render_show_dial_peer_voice_summary(sample()),
      "TAG        TYPE  ADMIN OPER  SESS-TARGET                          TRANSPORT KEEPALIVE\n"
      "100        voip  up    up    ipv4:127.0.0.1:5060                  udp       active\n"
      "200        voip  up    down  ipv4:127.0.0.1:5070                  udp       busyout\n"
      "300        voip  down  down  dns:sbc.example.com                  udp\n"
      "400        voip  up    up\n");
}

TEST(ShowDialPeer, SummaryWithoutDialPeersIsTheHeaderOnly) {
  EXPECT_EQ(
      render_show_dial_peer_voice_summary(DaemonSnapshot{}),
      "TAG        TYPE  ADMIN OPER  SESS-TARGET                          TRANSPORT KEEPALIVE\n");
}

TEST(ShowDialPeer, VoiceClassShowsProfileSettingsAndEachPeerUsingIt) {
  const std::string out = render_show_voice_class_sip_options_keepalive(sample(), 1);
  EXPECT_NE(out.find("Voice class sip-options-keepalive: 1  AdminStat: Up\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find(" Description: carrier A\n"), std::string::npos);
  EXPECT_NE(out.find(" Interval(seconds) Up: 30  Down: 30\n Retry: 5\n"), std::string::npos);
  EXPECT_NE(out.find("   100        127.0.0.1:5060                 udp       Active   4         "
                     "404   1.5      4/0               -\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("   200        127.0.0.1:5070                 udp       Busyout  0         "
                     "503   -        4/4               503\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("   300"), std::string::npos);  // not on this profile
}

TEST(ShowDialPeer, UnknownVoiceClassIsAnIosError) {
  EXPECT_EQ(render_show_voice_class_sip_options_keepalive(sample(), 9),
            "% Voice class sip-options-keepalive 9 is not configured\n");
}

TEST(ShowDialPeer, StatisticsCountBusyoutAndLateness) {
  EXPECT_EQ(render_dial_peer_statistics(sample()),
            "Dial-peer keepalive: 2 probed, 1 busyout, 10 probes sent\n"
            "Probe send lateness: p50 100 us, p99 900 us, max 1200 us (10 samples)\n");
}

}  // namespace
}  // namespace gw::daemon
