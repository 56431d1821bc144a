// `show cluster` and the cluster metrics: pure functions of the snapshot.
#include <gtest/gtest.h>

#include "render/metrics_text.hpp"
#include "render/show.hpp"

namespace gw::daemon {
namespace {

DaemonSnapshot with_cluster() {
  DaemonSnapshot s;
  ClusterSnapshot c;
  c.node = "sbc-a";
  c.lease_seconds = 5;
  c.registered = true;
  c.lease_id = 42;
  c.revision = 17;
  c.endpoints = {{"http://127.0.0.1:2379", true, true, ""},
                 {"http://127.0.0.1:2479", true, false, "Connection"}};
  c.members = {{"sbc-a", 51}, {"sbc-b", 49}};
  c.owned = 51;
  c.states = 100;
  c.counters.round_trips = 120;
  c.counters.renewals = 40;
  s.cluster = c;
  return s;
}

TEST(ShowCluster, NotConfigured) {
  EXPECT_EQ(render_show_cluster(DaemonSnapshot{}), "% Cluster is not configured\n");
}

TEST(ShowCluster, NodeLeaseEndpointsMembers) {
  const std::string out = render_show_cluster(with_cluster());
  EXPECT_NE(out.find("Cluster node sbc-a, etcd lease 5 s: held (id 42)"), std::string::npos);
  EXPECT_NE(out.find("http://127.0.0.1:2379  healthy"), std::string::npos);
  EXPECT_NE(out.find("http://127.0.0.1:2479  unreachable (Connection)"), std::string::npos);
  EXPECT_NE(out.find("Members: 2"), std::string::npos);
  EXPECT_NE(out.find("sbc-a (this node)        51"), std::string::npos);
  EXPECT_NE(out.find("sbc-b                    49"), std::string::npos);
  EXPECT_NE(out.find("lease renewals 40"), std::string::npos);
}

TEST(ShowCluster, Metrics) {
  MetricsInput in;
  in.snapshot = with_cluster();
  const std::string m = render_metrics(in);
  EXPECT_NE(m.find("gatewatch_cluster_members 2"), std::string::npos);
  EXPECT_NE(m.find("gatewatch_cluster_owned_dial_peers 51"), std::string::npos);
  EXPECT_NE(m.find("gatewatch_cluster_lease_renewals_total 40"), std::string::npos);
}

}  // namespace
}  // namespace gw::daemon
