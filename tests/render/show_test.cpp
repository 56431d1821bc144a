// Show renderers: pure functions of a snapshot.
#include "render/show.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

DaemonSnapshot sample() {
  DaemonSnapshot d;
  SipKeepaliveSnapshot s;
  SipTargetSnapshot p;
  p.role = "primary";
  p.configured = "ipv4:127.0.0.1:5060";
  p.address = "127.0.0.1:5060";
  p.transport = Transport::udp;
  p.state = keepalive::TargetState::up;
  p.consecutive_successes = 4;
  p.last_status = 200;
  p.last_rtt = std::chrono::microseconds(1500);
  p.attempts = 4;
  s.targets.push_back(p);
  SipTargetSnapshot q;
  q.role = "secondary";
  q.address = "[::1]:5061";
  q.transport = Transport::tls;
  q.state = keepalive::TargetState::down;
  q.last_failure = keepalive::FailureReason::tls;
  q.attempts = 3;
  q.failures = 3;
  s.targets.push_back(q);
  s.counters.sent = 7;
  s.counters.retransmissions = 2;
  s.counters.responses = 4;
  s.counters.malformed = 1;
  s.counters.unmatched = 5;
  s.counters.icmp_errors = 6;
  d.sip = s;
  d.voice_ports.push_back(VoicePortSnapshot{"0/0/1", "PSTN", false, true, true, "keepalive"});
  d.voice_ports.push_back(VoicePortSnapshot{"0/0/2", "", true, false, false, ""});
  return d;
}

TEST(ShowSipUaKeepalive, OneRowPerTargetWithEveryColumn) {
  const std::string out = render_show_sip_ua_keepalive(sample());
  EXPECT_NE(out.find("SIP keepalive: active 120 s, down 30 s, trigger 3, retry 6\n"),
            std::string::npos);
  EXPECT_NE(out.find("primary    127.0.0.1:5060                 udp        up     4          200   "
                     "1.5       4/0                -\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("secondary  [::1]:5061                     tls        down   0          -     "
                     "-         3/3                tls\n"),
            std::string::npos)
      << out;
}

TEST(ShowSipUaKeepalive, ShowsSentAndDroppedCounters) {
  const std::string out = render_show_sip_ua_keepalive(sample());
  EXPECT_NE(out.find("OPTIONS sent 7, retransmissions 2, responses 4\n"), std::string::npos);
  EXPECT_NE(out.find("Dropped: malformed 1, unmatched 5, ICMP errors 6\n"), std::string::npos);
}

TEST(ShowSipUaKeepalive, TotalFailureAndTimeScaleAreSaid) {
  auto d = sample();
  d.sip->total_failure = true;
  d.sip->time_scale = 0.01;
  const std::string out = render_show_sip_ua_keepalive(d);
  EXPECT_NE(out.find("(time scale 0.01)"), std::string::npos);
  EXPECT_NE(out.find("Total keepalive failure"), std::string::npos);
}

TEST(ShowSipUaKeepalive, NoTargetConfigured) {
  EXPECT_EQ(render_show_sip_ua_keepalive(DaemonSnapshot{}),
            "SIP keepalive: no keepalive target configured\n");
}

TEST(ShowVoicePortSummary, PortAdminBusyoutAndWhy) {
  const std::string out = render_show_voice_port_summary(sample());
  EXPECT_NE(out.find("0/0/1       up     yes      keepalive  keepalive  PSTN\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("0/0/2       down   no       -          -          \n"), std::string::npos)
      << out;
}

TEST(ShowVoicePortSummary, SameSnapshotSameText) {
  EXPECT_EQ(render_show_voice_port_summary(sample()), render_show_voice_port_summary(sample()));
  EXPECT_EQ(render_show_voice_port_summary(DaemonSnapshot{}), "No voice ports configured\n");
}

}  // namespace
}  // namespace gw::daemon
