// The numbers of the cluster commands and of the etcd protocol use (gatewatch extension,
// design.md "Several instances: a cluster on etcd"): defined here and nowhere else. Plain data.
#pragma once
#include <cstddef>
#include <string_view>

#include "base/number_setting.hpp"

namespace gw::cluster {

// `cluster lease <1-60>`: the TTL of this node's etcd lease, real seconds (not scaled).
inline constexpr NumberSetting kLease{5, 1, 60};
// `cluster etcd URL [URL ...]`: at most this many endpoints, each at most this long.
inline constexpr std::size_t kMaxEndpoints = 8;
inline constexpr std::size_t kMaxUrlLength = 255;
// Every key gatewatch writes lives under this prefix.
inline constexpr std::string_view kPrefix = "/gatewatch/";
inline constexpr std::string_view kMembersPrefix = "/gatewatch/members/";
inline constexpr std::string_view kStatesPrefix = "/gatewatch/states/";
// etcd's default limit is 128 operations per transaction: never more in one txn.
inline constexpr std::size_t kMaxOpsPerTxn = 128;
// An answer (or one message of the watch stream) longer than this is refused, not buffered.
inline constexpr std::size_t kMaxAnswerBytes = 64u << 20;
inline constexpr std::size_t kMaxWatchMessageBytes = 16u << 20;
// A node name: 1..64 characters of [A-Za-z0-9._-].
inline constexpr std::size_t kMaxNodeName = 64;
bool valid_node_name(std::string_view name);

}  // namespace gw::cluster
