// `show kamailio` and the Kamailio metrics, from a hand-made snapshot.
#include <gtest/gtest.h>

#include "render/metrics_text.hpp"
#include "render/show.hpp"

namespace gw::daemon {
namespace {

DaemonSnapshot with_kamailio() {
  DaemonSnapshot s;
  KamailioSnapshot k;
  k.url = "http://127.0.0.1:5071/RPC";
  k.reachable = false;
  k.last_error = "Connection";
  k.destinations = 3;
  k.in_sync = 1;
  k.missing = 1;
  k.counters.requests = 12;
  k.counters.failures = 2;
  k.counters.states_set = 3;
  k.counters.lists = 7;
  k.counters.latency[0] = 5;
  k.counters.latency[2] = 4;
  kamailio::DestinationView pending;
  pending.dest = {1, "sip:127.0.0.1:5081"};
  pending.dial_peers = {100};
  pending.wanted = kamailio::DsState::inactive;
  pending.known = kamailio::DsState::active;
  kamailio::DestinationView missing;
  missing.dest = {2, "sip:127.0.0.1:5099"};
  missing.dial_peers = {200};
  missing.missing = true;
  k.not_in_sync = {pending, missing};
  s.kamailio = k;
  return s;
}

TEST(ShowKamailio, NotConfigured) {
  EXPECT_EQ(render_show_kamailio(DaemonSnapshot{}),
            "% Kamailio is not configured (kamailio rpc URL)\n");
}

TEST(ShowKamailio, StateCountsAndWhatIsNotInSync) {
  const std::string out = render_show_kamailio(with_kamailio());
  EXPECT_NE(out.find("RPC URL http://127.0.0.1:5071/RPC is NOT reachable\n"), std::string::npos);
  EXPECT_NE(out.find("Last error: Connection\n"), std::string::npos);
  EXPECT_NE(out.find("Destinations: 3 bound, 1 in sync, 1 pending, 1 missing\n"),
            std::string::npos);
  EXPECT_NE(out.find("Requests 12, failures 2, JSON-RPC errors 0, states set 3, lists 7\n"),
            std::string::npos);
  EXPECT_NE(out.find("1          sip:127.0.0.1:5081                       100        inactive  "
                     "active    pending\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("sip:127.0.0.1:5099"), std::string::npos);
  EXPECT_NE(out.find("missing\n"), std::string::npos);
}

TEST(KamailioMetrics, CountersGaugesAndACumulativeHistogram) {
  MetricsInput in;
  in.snapshot = with_kamailio();
  const std::string m = render_metrics(in);
  EXPECT_NE(m.find("gatewatch_kamailio_rpc_up 0\n"), std::string::npos);
  EXPECT_NE(m.find("gatewatch_kamailio_rpc_requests_total 12\n"), std::string::npos);
  EXPECT_NE(m.find("gatewatch_kamailio_dispatcher_destinations{state=\"pending\"} 1\n"),
            std::string::npos);
  EXPECT_NE(m.find("gatewatch_kamailio_rpc_latency_seconds_bucket{le=\"0.001\"} 5\n"),
            std::string::npos);
  EXPECT_NE(m.find("gatewatch_kamailio_rpc_latency_seconds_bucket{le=\"0.005\"} 9\n"),
            std::string::npos);
  EXPECT_NE(m.find("gatewatch_kamailio_rpc_latency_seconds_count 9\n"), std::string::npos);
  EXPECT_EQ(render_metrics(MetricsInput{}).find("gatewatch_kamailio"), std::string::npos);
}

}  // namespace
}  // namespace gw::daemon
