// `show cluster`, e.g.
//   Cluster node sbc-a, etcd lease 5 s: held (id 7587862311)
//   etcd endpoints:
//     http://127.0.0.1:2379  healthy
//   Members: 2
//     Node                 Dial-peers probed
//     sbc-a (this node)    51
//     sbc-b                49
//   Dial-peer states known: 100, transitions not yet published: 0, revision 42
//   etcd round trips 120, errors 0, lease renewals 40, transactions 5 (12 states), 9120 bytes sent
//   watch messages 30, watch restarts 1, rebalances 2
#include <fmt/format.h>

#include "render/show.hpp"

namespace gw::daemon {

std::string render_show_cluster(const DaemonSnapshot& snapshot) {
  if (!snapshot.cluster) return "% Cluster is not configured\n";
  const ClusterSnapshot& c = *snapshot.cluster;
  std::string out =
      fmt::format("Cluster node {}, etcd lease {} s: {}\n", c.node, c.lease_seconds,
                  c.registered ? fmt::format("held (id {})", c.lease_id) : std::string("not held"));
  out += "etcd endpoints:\n";
  for (const auto& e : c.endpoints) {
    const std::string health = !e.tried    ? "not tried"
                               : e.healthy ? "healthy"
                                           : "unreachable (" + e.last_error + ")";
    out += fmt::format("  {}  {}\n", e.url, health);
  }
  out += fmt::format("Members: {}\n", c.members.size());
  out += fmt::format("  {:<24} {}\n", "Node", "Dial-peers probed");
  for (const auto& m : c.members) {
    const std::string name = m.node == c.node ? m.node + " (this node)" : m.node;
    out += fmt::format("  {:<24} {}\n", name, m.owned);
  }
  out += fmt::format("Dial-peer states known: {}, transitions not yet published: {}, revision {}\n",
                     c.states, c.pending, c.revision);
  const ClusterCounters& k = c.counters;
  out += fmt::format(
      "etcd round trips {}, errors {}, lease renewals {}, transactions {} ({} states), {} bytes "
      "sent\n",
      k.round_trips, k.errors, k.renewals, k.txns, k.published, k.bytes_sent);
  out += fmt::format("watch messages {}, watch restarts {}, rebalances {}\n", k.watch_messages,
                     k.watch_restarts, k.rebalances);
  return out;
}

}  // namespace gw::daemon
