// The JSON answers of the status page's API (design.md, "Status page"), pure functions of a
// StatusInput (copied from the io thread, like the metrics' MetricsInput), a NotActivePage
// (live/dial_peer_board.hpp) and an EventPage (live/event_ring.hpp).
//
// GET /api/v1/status[?filter=TEXT&limit=N]:
//   {"version", "time", "started",
//    "sip_targets": [{"target", "address", "transport", "state" ("up"|"down"), "reason" (string
//                     or null: the reason of the down while down), "rtt_ms" (number or null),
//                     "last_change" (RFC 3339 or null: none since start), "probing",
//                     "attempts", "failures", "rtt_history_ms": [number or null, ...]}],
//    "voice_ports": [{"port", "busyout" (bool), "why", "monitor" (bool), "shutdown" (bool)}],
//    "sccp_groups": [{"group", "active" (ccm or null),
//                     "ccms": [{"ccm", "address", "priority", "state"}]}],
//                     state: "active" | "standby" | "connecting" | "down" | "idle"
//    "dial_peers": {"counts": {"active", "partial", "busyout"}, "probed",
//                   "not_active": [{"dial_peer", "state", "address", "transport", "reason",
//                                   "since"}], busyout first, then partial, each by tag,
//                   "filter", "limit", "matched" (entries matching the filter),
//                   "truncated" (more matched than shown)},
//    "kamailio": {...} only when `kamailio rpc` is configured,
//    "cluster": {...} only when a cluster is configured}
//   Field names are the events' (design.md, "Events"); every key is always present, with null
//   where there is no value. Size: the not_active rows are at most kMaxLimit.
// GET /api/v1/events?since=N: {"next": M, "dropped": D, "events": [event objects + "seq"]}:
//   the events after seq N (EventRing::read()); M is the last seq returned, the next `since`.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "live/dial_peer_board.hpp"
#include "live/event_ring.hpp"
#include "live/sip_history.hpp"
#include "report/snapshot.hpp"

namespace gw::daemon {

// A cluster member as the status page shows it.
struct StatusClusterMember {
  std::string node;
  bool up = true;
  std::size_t owned = 0;  // dial-peers it probes
};

struct StatusCluster {
  std::string node;  // this node
  int lease_seconds = 0;
  bool etcd_reachable = true;
  std::vector<StatusClusterMember> members;
};

// The page's view of the cluster service's summary: the members listed are the live ones
// (each holds a lease); etcd is reachable when one endpoint answered last.
StatusCluster status_cluster_of(const ClusterSnapshot& c);

struct StatusInput {
  std::string version;
  WallClock::time_point started;
  WallClock::time_point now;             // when the copy was taken
  DaemonSnapshot snapshot;               // the services' summary() (no per-dial-peer list)
  std::vector<SipTargetHistory> sip;     // SipHistory::targets()
  std::optional<StatusCluster> cluster;  // set when a cluster is configured
};

struct StatusQuery {
  static constexpr std::size_t kDefaultLimit = 100;
  static constexpr std::size_t kMaxLimit = 1000;
  static constexpr std::size_t kMaxFilter = 64;
  std::string filter;  // at most kMaxFilter bytes
  std::size_t limit = kDefaultLimit;
};

// The query of `filter` and `limit` parameters as given (absent: empty); bad or out-of-range
// values fall back to the defaults or are clamped, never rejected.
StatusQuery parse_status_query(const std::string& filter, const std::string& limit);

std::string render_status_json(const StatusInput& in, const StatusQuery& query,
                               const NotActivePage& not_active);

// Kept events per answer, at most.
inline constexpr std::size_t kMaxEventsPerAnswer = 256;
// `since` as given ("" or not a number: 0).
std::uint64_t parse_since(const std::string& since);
std::string render_events_json(const EventPage& page);

}  // namespace gw::daemon
