// The cluster's wording: see cluster_wording.hpp.
#include "report/cluster_wording.hpp"

#include <fmt/format.h>

namespace gw::daemon {

Event cluster_member_event(bool up, std::string_view node) {
  return Event{up ? names::kClusterMemberUp : names::kClusterMemberDown, {}}.with(
      "node", std::string(node));
}

IosLogLine cluster_member_log_line(bool up, std::string_view node) {
  return {5,
          fmt::format("%CLUSTER-5-MEMBER: node {} {} the cluster", node, up ? "joined" : "left")};
}

Event cluster_lease_event(bool acquired, std::string_view node) {
  return Event{acquired ? names::kClusterLeaseAcquired : names::kClusterLeaseLost, {}}.with(
      "node", std::string(node));
}

IosLogLine cluster_lease_log_line(bool acquired, std::string_view node, int ttl_seconds,
                                  std::string_view why) {
  if (acquired)
    return {5, fmt::format("%CLUSTER-5-LEASE: node {} holds an etcd lease, TTL {} s", node,
                           ttl_seconds)};
  return {3, fmt::format("%CLUSTER-3-LEASE: node {} lost its etcd lease ({}); probing what it "
                         "last owned",
                         node, why)};
}

Event cluster_rebalanced_event(std::string_view node, std::size_t owned) {
  return Event{names::kClusterRebalanced, {}}
      .with("node", std::string(node))
      .with("owned", static_cast<std::int64_t>(owned));
}

IosLogLine cluster_rebalanced_log_line(std::size_t members, std::size_t owned, std::size_t moved) {
  return {6, fmt::format("%CLUSTER-6-REBALANCED: {} member(s), this node probes {} dial-peer(s), "
                         "{} moved",
                         members, owned, moved)};
}

Event remote_dial_peer_event(long tag, bool up, std::string_view address,
                             std::string_view transport, std::string_view reason,
                             std::string_view node) {
  Event e{up ? names::kDialPeerUp : names::kDialPeerDown, {}};
  e.with("dial_peer", static_cast<std::int64_t>(tag))
      .with("address", std::string(address))
      .with("transport", std::string(transport));
  if (!up) e.with("reason", std::string(reason));
  e.with("node", std::string(node));
  return e;
}

IosLogLine remote_dial_peer_log_line(long tag, bool up, std::string_view reason,
                                     std::string_view node) {
  if (up)
    return {5, fmt::format("%SIP-5-DIALPEER_KEEPALIVE: dial-peer {} OPTIONS keepalive status "
                           "changed to ACTIVE (probed by {})",
                           tag, node)};
  return {5, fmt::format("%SIP-5-DIALPEER_KEEPALIVE: dial-peer {} OPTIONS keepalive status "
                         "changed to BUSYOUT ({}, probed by {})",
                         tag, reason, node)};
}

IosLogLine cluster_etcd_log_line(bool reachable, std::string_view what) {
  if (reachable) return {5, fmt::format("%CLUSTER-5-ETCD: etcd reachable again ({})", what)};
  return {3, fmt::format("%CLUSTER-3-ETCD: etcd unreachable: {}", what)};
}

bool is_dial_peer_event(const Event& e) {
  return e.name == names::kDialPeerDown || e.name == names::kDialPeerUp;
}

}  // namespace gw::daemon
