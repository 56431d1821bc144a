// ClusterService: this node's part of a gatewatch cluster on etcd (design.md, "Several
// instances: a cluster on etcd").
//
// Contract:
// - start() registers the node synchronously: one lease (`cluster lease` seconds, real time),
//   then the member key /gatewatch/members/NODE created only if absent (etcd txn). A key held by
//   another live node (still there after one lease TTL of retries) fails start() with a clear
//   error (exit 3), before this node has taken anything over. etcd unreachable at start: the
//   node runs alone (it probes every dial-peer) and keeps trying to register.
// - Ownership: the dial-peer service probes only the dial-peers ClusterSync::owns() gives this
//   node (rendezvous hashing over the live members); every member change re-plans only the
//   dial-peers whose owner changed (dial-peer reconfigure()), emits cluster.member.up/down and
//   cluster.rebalanced. While etcd is lost the node keeps what it last owned.
// - Publication: each local dial-peer transition (the events the dial-peer service emits
//   through event_sink()) and, every second, every owned dial-peer whose verdict differs from the
//   published state (a dial-peer taken over, what was seen while etcd was away) is queued and
//   written in txns of at most 128 puts, one txn in flight.
// - The watch on /gatewatch/ (from the revision after the last one seen; a compacted revision:
//   re-read and watch again) brings members and the other nodes' transitions: the latter are
//   emitted as dial-peer.down/up with `node` = the node that probed (Kamailio follows them),
//   and fill the dial-peer snapshot, so the show commands show the whole cluster.
// - Lease: keepalive every third of the TTL; none succeeded for a whole TTL (or etcd says the
//   lease or our member key is gone): cluster.lease.lost, and the node registers again when etcd
//   answers (cluster.lease.acquired), re-reads the whole prefix and resumes.
// - stop() revokes the lease (the others take over at once), cancels timers and the client.
// Single-threaded (the io_context's thread); the dial-peer service, sink and logger outlive it.
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "base/liveness.hpp"
#include "cluster/cluster_sync.hpp"
#include "cluster/watch_stream.hpp"
#include "net/etcd_client.hpp"
#include "ops/logger.hpp"
#include "report/cluster_snapshot.hpp"
#include "report/event_sink.hpp"
#include "services/dial_peer/dial_peer_keepalive_service.hpp"
#include "services/service.hpp"

namespace gw::daemon {

class ClusterService final : public Service {
 public:
  using LiveConfig = std::function<const config::Config&()>;
  ClusterService(asio::io_context& io, const config::Config& config, std::string node,
                 DialPeerKeepaliveService& dial_peers, EventSink& sink, const Logger& logger,
                 LiveConfig live_config);
  ~ClusterService() override;

  std::string_view name() const override { return "cluster"; }
  Status<> start() override;
  void stop() override;
  void snapshot(DaemonSnapshot& out) const override;
  void summary(DaemonSnapshot& out) const override;
  void reconfigure(const config::Config& next, const ConfigDiff& diff) override;

  // A dial-peer event of this node's dial-peer service (already carrying `node`, see
  // node_sink.hpp): its transition is published.
  void on_local_event(const Event& e);
  // The state of dial-peer `tag` as the cluster knows it when another node probes it.
  std::optional<bool> remote_up(long tag) const;

 private:
  // cluster_service.cpp: etcd exchanges.
  net::EtcdOptions etcd_options(const config::ClusterSettings& s) const;
  Status<> register_now();
  void tick();
  void arm_tick();
  void send_keepalive();
  void register_async();
  void reread(std::function<void()> then);
  void start_watch();
  void on_watch_chunk(std::string chunk);
  void on_watch_end(std::string why);
  void flush();
  void on_lease_lost(std::string why);
  bool count(const net::EtcdAnswer& a);
  // cluster_view.cpp: assignment, states, events.
  bool owns(long tag) const { return ready_ && sync_.owns(tag); }
  void rebalance(bool force_event);
  void apply_range(const cluster::RangeAnswer& r);
  void apply_changes(const cluster::ClusterSync::Changes& c);
  void emit_remote(long tag);
  void reconcile();
  std::size_t owned_count() const { return owned_.size(); }

  asio::io_context& io_;
  DialPeerKeepaliveService& dial_peers_;
  EventSink& sink_;
  const Logger& logger_;
  LiveConfig live_config_;
  config::ClusterSettings settings_;
  cluster::ClusterSync sync_;
  net::EtcdClient client_;
  cluster::WatchStream stream_;
  asio::steady_timer tick_timer_;
  std::set<long> owned_;  // what the dial-peer service was last told this node owns
  // Each member's share as of the last rebalance (summary(): the status page, metrics).
  std::map<std::string, std::size_t> shares_;
  std::size_t share_of(const std::string& node) const {
    const auto it = shares_.find(node);
    return it == shares_.end() ? 0 : it->second;
  }
  bool ready_ = false;  // ownership known (registered, or alone after etcd did not answer)
  bool running_ = false;
  bool keepalive_in_flight_ = false;
  bool register_in_flight_ = false;
  bool txn_in_flight_ = false;
  bool watching_ = false;
  bool etcd_ok_ = true;
  TimePoint next_reconcile_{};
  TimePoint watch_retry_{};
  ClusterCounters counters_;
  Liveness alive_;
};

}  // namespace gw::daemon
