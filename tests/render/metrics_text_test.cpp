// render_metrics: the Prometheus text of hand-built snapshots.
#include "render/metrics_text.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace gw::daemon {
namespace {

MetricsInput sample_input() {
  MetricsInput in;
  in.version = "0.1.0";
  SipKeepaliveSnapshot sip;
  SipTargetSnapshot p;
  p.role = "primary";
  p.address = "127.0.0.1:5060";
  p.state = keepalive::TargetState::down;
  p.attempts = 5;
  p.failures = 2;
  p.stats.record(keepalive::AttemptOutcome::failed(keepalive::FailureReason::timeout));
  p.stats.record(keepalive::AttemptOutcome::failed(keepalive::FailureReason::status_503, 503,
                                                   std::chrono::milliseconds(3)));
  p.stats.record(keepalive::AttemptOutcome::succeeded(200, std::chrono::microseconds(700)));
  sip.targets.push_back(p);
  SipTargetSnapshot s;
  s.role = "secondary";
  s.address = "[::1]:5062";
  s.transport = Transport::tcp;
  sip.targets.push_back(s);
  sip.total_failure = false;
  in.snapshot.sip = sip;
  in.snapshot.voice_ports.push_back({"0/0/1", "", false, true, true, "keepalive"});
  in.events.by_name["sip.target.down"] = 1;
  in.events.switchovers[1] = 2;
  SccpSnapshot sccp;
  SccpGroupState g;
  g.group = 1;
  g.live.group = 1;
  g.live.active = 2;
  sccp::CcmSnapshot c1{};
  c1.identifier = 1;
  c1.address = "127.0.0.1:2000";
  c1.role = sccp::CcmRole::down;
  c1.counters.keepalives_sent = 7;
  c1.counters.keepalive_acks = 4;
  sccp::CcmSnapshot c2 = c1;
  c2.identifier = 2;
  c2.role = sccp::CcmRole::active;
  g.live.ccms = {c1, c2};
  sccp.groups.push_back(g);
  in.snapshot.sccp = sccp;
  return in;
}

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (l == line) return true;
  }
  return false;
}

TEST(MetricsText, DialPeerCountsAndProbesFromTheSummary) {
  auto in = sample_input();
  auto text = render_metrics(in);
  EXPECT_TRUE(has_line(text, "# TYPE gatewatch_dial_peers_busyout gauge"));
  EXPECT_EQ(text.find("\ngatewatch_dial_peers_probed "),
            std::string::npos);  // no dial-peer service
  in.snapshot.dial_peers.emplace();
  in.snapshot.dial_peers->probed = 3;
  in.snapshot.dial_peers->busyout = 1;
  in.snapshot.dial_peers->probes = 42;
  text = render_metrics(in);
  EXPECT_TRUE(has_line(text, "gatewatch_dial_peers_probed 3"));
  EXPECT_TRUE(has_line(text, "gatewatch_dial_peers_busyout 1"));
  EXPECT_TRUE(has_line(text, "# TYPE gatewatch_dial_peer_probes_total counter"));
  EXPECT_TRUE(has_line(text, "gatewatch_dial_peer_probes_total 42"));
}

TEST(MetricsText, BuildInfoIsOneWithTheVersion) {
  const auto text = render_metrics(sample_input());
  EXPECT_TRUE(has_line(text, "gatewatch_build_info{version=\"0.1.0\"} 1"));
}

TEST(MetricsText, TargetStateIsAGaugeWithTargetAddressTransport) {
  const auto text = render_metrics(sample_input());
  EXPECT_TRUE(has_line(text, "# TYPE gatewatch_sip_target_up gauge"));
  EXPECT_TRUE(has_line(text,
                       "gatewatch_sip_target_up{target=\"primary\",address=\"127.0.0.1:5060\","
                       "transport=\"udp\"} 0"));
  EXPECT_TRUE(has_line(
      text,
      "gatewatch_sip_target_up{target=\"secondary\",address=\"[::1]:5062\",transport=\"tcp\"} 1"));
  EXPECT_TRUE(has_line(text,
                       "gatewatch_sip_target_attempts_total{target=\"primary\",address=\"127.0.0.1:"
                       "5060\",transport=\"udp\"} 5"));
}

TEST(MetricsText, FailuresAreCountedByReasonWithEveryReasonPresent) {
  const auto text = render_metrics(sample_input());
  const std::string l =
      "gatewatch_sip_target_failures_total{target=\"primary\",address=\"127.0.0.1:5060\",transport="
      "\"udp\",reason=";
  EXPECT_TRUE(has_line(text, l + "\"timeout\"} 1"));
  EXPECT_TRUE(has_line(text, l + "\"503\"} 1"));
  EXPECT_TRUE(has_line(text, l + "\"dns\"} 0"));
}

TEST(MetricsText, RttHistogramBucketsAreCumulativeAndEndInInf) {
  const auto text = render_metrics(sample_input());
  const std::string b =
      "gatewatch_sip_target_rtt_seconds_bucket{target=\"primary\",address=\"127.0.0.1:5060\","
      "transport=\"udp\",le=";
  EXPECT_TRUE(has_line(text, b + "\"0.0005\"} 0"));
  EXPECT_TRUE(has_line(text, b + "\"0.001\"} 1"));
  EXPECT_TRUE(has_line(text, b + "\"0.0025\"} 1"));
  EXPECT_TRUE(has_line(text, b + "\"0.005\"} 2"));
  EXPECT_TRUE(has_line(text, b + "\"+Inf\"} 2"));
  EXPECT_TRUE(has_line(text,
                       "gatewatch_sip_target_rtt_seconds_count{target=\"primary\",address=\"127.0."
                       "0.1:5060\",transport=\"udp\"} 2"));
  const std::string sum =
      "gatewatch_sip_target_rtt_seconds_sum{target=\"primary\",address=\"127.0.0.1:5060\","
      "transport=\"udp\"} ";
  const auto at = text.find(sum);
  ASSERT_NE(at, std::string::npos);
  EXPECT_NEAR(std::stod(text.substr(at + sum.size())), 0.0037, 1e-9);
}

TEST(MetricsText, VoicePortBusyoutAndSccp) {
  const auto text = render_metrics(sample_input());
  EXPECT_TRUE(has_line(text, "gatewatch_voice_port_busyout{port=\"0/0/1\"} 1"));
  EXPECT_TRUE(has_line(text, "gatewatch_sccp_ccm_active{group=\"1\",ccm=\"2\"} 1"));
  EXPECT_TRUE(has_line(text, "gatewatch_sccp_ccm_active{group=\"1\",ccm=\"1\"} 0"));
  EXPECT_TRUE(has_line(text,
                       "gatewatch_sccp_ccm_state{group=\"1\",ccm=\"1\",address=\"127.0.0.1:2000\","
                       "state=\"down\"} 1"));
  EXPECT_TRUE(has_line(text,
                       "gatewatch_sccp_ccm_state{group=\"1\",ccm=\"1\",address=\"127.0.0.1:2000\","
                       "state=\"active\"} 0"));
  EXPECT_TRUE(has_line(text, "gatewatch_sccp_keepalives_sent_total{group=\"1\",ccm=\"1\"} 7"));
  EXPECT_TRUE(has_line(text, "gatewatch_sccp_keepalive_acks_total{group=\"1\",ccm=\"1\"} 4"));
  EXPECT_TRUE(has_line(text, "gatewatch_sccp_switchovers_total{group=\"1\"} 2"));
  EXPECT_TRUE(has_line(text, "gatewatch_sccp_switchbacks_total{group=\"1\"} 0"));
  EXPECT_TRUE(has_line(text, "gatewatch_events_total{event=\"sip.target.down\"} 1"));
}

TEST(MetricsText, EveryFamilyHasHelpAndTypeOnceAndSamplesFollowTheirFamily) {
  auto in = sample_input();
  in.notify = NotifyStats{};
  const auto text = render_metrics(in);
  std::set<std::string> helps, types;
  std::string current;
  std::istringstream s(text);
  for (std::string l; std::getline(s, l);) {
    ASSERT_FALSE(l.empty());
    if (l.rfind("# HELP ", 0) == 0) {
      const auto name = l.substr(7, l.find(' ', 7) - 7);
      EXPECT_TRUE(helps.insert(name).second) << name;
      current = name;
    } else if (l.rfind("# TYPE ", 0) == 0) {
      const auto name = l.substr(7, l.find(' ', 7) - 7);
      EXPECT_EQ(name, current);
      EXPECT_TRUE(types.insert(name).second) << name;
    } else {
      EXPECT_EQ(l.rfind(current, 0), 0u) << l << " outside family " << current;
      EXPECT_EQ(l.rfind("gatewatch_", 0), 0u) << l;
    }
  }
  EXPECT_EQ(helps, types);
  EXPECT_TRUE(helps.count("gatewatch_notify_dropped_total"));
}

TEST(MetricsText, EmptySnapshotRendersFamiliesWithoutSamples) {
  MetricsInput in;
  in.version = "x";
  const auto text = render_metrics(in);
  EXPECT_TRUE(has_line(text, "# TYPE gatewatch_sip_target_up gauge"));
  EXPECT_EQ(text.find("gatewatch_sip_target_up{"), std::string::npos);
}

TEST(MetricsText, LabelValuesAreEscaped) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
}

}  // namespace
}  // namespace gw::daemon
