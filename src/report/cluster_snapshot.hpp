// Snapshot of the cluster (`show cluster`, metrics, the status page). Plain values; see
// snapshot.hpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gw::daemon {

struct ClusterEndpointView {
  std::string url;
  bool tried = false;
  bool healthy = false;
  std::string last_error;
};

struct ClusterMemberView {
  std::string node;
  std::size_t owned = 0;  // dial-peers it probes (by the assignment this node computes)
};

struct ClusterCounters {
  std::uint64_t round_trips = 0;     // unary requests answered by etcd
  std::uint64_t errors = 0;          // requests not answered or answered with an error
  std::uint64_t renewals = 0;        // lease keepalives that succeeded
  std::uint64_t txns = 0;            // publication transactions that succeeded
  std::uint64_t published = 0;       // dial-peer states they carried
  std::uint64_t bytes_sent = 0;      // request bodies
  std::uint64_t watch_messages = 0;  // watch stream messages read
  std::uint64_t watch_restarts = 0;  // watch streams (re)started
  std::uint64_t rebalances = 0;      // assignment changes
};

struct ClusterSnapshot {
  std::string node;
  int lease_seconds = 0;
  bool registered = false;  // holds a lease
  std::int64_t lease_id = 0;
  std::int64_t revision = 0;  // the watch's revision
  std::vector<ClusterEndpointView> endpoints;
  std::vector<ClusterMemberView> members;  // by name
  std::size_t owned = 0;                   // dial-peers this node probes
  std::size_t states = 0;                  // dial-peer states known from etcd
  std::size_t pending = 0;                 // transitions not yet published
  ClusterCounters counters;
};

}  // namespace gw::daemon
