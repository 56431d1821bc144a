// The cluster's events and IOS-style log lines (design.md "Events": cluster.member.up/down,
// cluster.lease.lost/acquired, cluster.rebalanced; `node` on dial-peer.* events). Pure.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "report/event.hpp"
#include "report/ios_log.hpp"

namespace gw::daemon {

namespace names {
inline constexpr const char* kClusterMemberUp = "cluster.member.up";
inline constexpr const char* kClusterMemberDown = "cluster.member.down";
inline constexpr const char* kClusterLeaseLost = "cluster.lease.lost";
inline constexpr const char* kClusterLeaseAcquired = "cluster.lease.acquired";
inline constexpr const char* kClusterRebalanced = "cluster.rebalanced";
}  // namespace names

Event cluster_member_event(bool up, std::string_view node);
IosLogLine cluster_member_log_line(bool up, std::string_view node);
Event cluster_lease_event(bool acquired, std::string_view node);
IosLogLine cluster_lease_log_line(bool acquired, std::string_view node, int ttl_seconds,
                                  std::string_view why);
Event cluster_rebalanced_event(std::string_view node, std::size_t owned);
IosLogLine cluster_rebalanced_log_line(std::size_t members, std::size_t owned, std::size_t moved);
// A dial-peer transition another node probed, as this node reports it: the same fields as the
// owner's dial-peer event, `node` the owner.
Event remote_dial_peer_event(long tag, bool up, std::string_view address,
                             std::string_view transport, std::string_view reason,
                             std::string_view node);
IosLogLine remote_dial_peer_log_line(long tag, bool up, std::string_view reason,
                                     std::string_view node);
IosLogLine cluster_etcd_log_line(bool reachable, std::string_view what);
// Is `e` a dial-peer.* event?
bool is_dial_peer_event(const Event& e);

}  // namespace gw::daemon
