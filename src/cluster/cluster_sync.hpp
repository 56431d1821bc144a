// ClusterSync: what this node knows of the cluster, and what it has yet to tell etcd. Pure: the
// service feeds it etcd's answers and watch messages with time points, and asks it what to send.
//
// Contract:
// - Members: the live nodes (keys under kMembersPrefix, each bound to its node's lease), set
//   whole by a range (set_members) and kept by the watch (on_watch). A change of the member set
//   changes the assignment: owns(tag) is true when this node wins the tag by rendezvous hashing
//   over the members (hrw.hpp). While this node is not registered (no lease, etcd unreachable)
//   the member set is left as last known, so it keeps probing what it last owned; before the
//   first answer it is {self}: a lone node probes everything.
// - States: the last published state of every dial-peer (keys under kStatesPrefix), from the
//   range at start, the watch, and this node's own publications.
// - Publication: publish(tag, state) queues the newest state of a tag (an older queued one is
//   replaced) and takes it into the view at once; next_batch() hands out at most kMaxOpsPerTxn
//   of them as one txn; batch_failed() puts a batch back (unless newer states came meanwhile).
//   Nothing is lost while etcd is away: the queue holds one entry per dial-peer at most.
// - Lease: lease_granted / keepalive_ok / keepalive_failed keep the lease deadline;
//   lease_lost(now) is true once no keepalive succeeded for a whole TTL; the next keepalive is
//   due a third of the TTL after the last success (or a second after a failure).
// - Watch: on_watch() applies a message and returns what changed; the revision to resume from is
//   watch_revision() + 1; a compacted start revision (compact_revision > 0) asks for a re-range
//   (needs_rerange()).
// Single owner; not thread-safe.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/time.hpp"
#include "cluster/etcd_codec.hpp"
#include "cluster/peer_state.hpp"
#include "cluster/watch_stream.hpp"

namespace gw::cluster {

class ClusterSync {
 public:
  ClusterSync(std::string self, Duration ttl);

  const std::string& self() const { return self_; }
  Duration ttl() const { return ttl_; }
  void set_ttl(Duration ttl) { ttl_ = ttl; }

  // --- members and assignment
  // Replaces the member set; returns true when it changed.
  bool set_members(std::vector<std::string> names);
  const std::vector<std::string>& members() const { return members_; }
  bool owns(long tag) const;
  const std::string& owner_of(long tag) const;

  // --- states
  const std::map<long, PeerState>& states() const { return states_; }
  const PeerState* state_of(long tag) const;
  // A state read from etcd (range or watch): true when it differs from the view.
  bool apply_state(long tag, PeerState state);
  void forget_state(long tag) { states_.erase(tag); }
  // Would `next` be a transition of `tag`: its state differs from the known one, or it is down
  // and nothing was known (a dial-peer is up until said otherwise)?
  bool is_transition(long tag, const PeerState& next) const;

  // --- publication
  void publish(long tag, PeerState state);
  std::vector<std::pair<std::string, std::string>> next_batch();
  void batch_failed(std::vector<std::pair<std::string, std::string>> batch);
  std::size_t pending() const { return pending_.size(); }

  // --- lease
  void lease_granted(std::int64_t id, TimePoint now);
  void keepalive_ok(std::int64_t ttl, TimePoint now);
  void keepalive_failed(TimePoint now);
  void lease_dropped();  // etcd said the lease is gone, or our member key was deleted
  bool registered() const { return lease_id_ != 0; }
  std::int64_t lease_id() const { return lease_id_; }
  bool lease_lost(TimePoint now) const { return lease_id_ != 0 && now >= lease_deadline_; }
  TimePoint next_keepalive() const { return next_keepalive_; }

  // --- watch
  struct Changes {
    std::vector<std::string> joined, left;  // members
    bool self_deleted = false;              // our own member key went away (lease expired)
    std::vector<long> states;               // tags with a transition (not by self)
  };
  Changes on_watch(const WatchMessage& m);
  void set_watch_revision(std::int64_t r) { watch_revision_ = r; }
  std::int64_t watch_revision() const { return watch_revision_; }
  bool needs_rerange() const { return rerange_; }
  void rerange_done() { rerange_ = false; }

  // Keys.
  static std::string member_key(std::string_view node);
  static std::string state_key(long tag);
  static std::optional<long> tag_of_state_key(std::string_view key);

 private:
  void rehash();

  std::string self_;
  Duration ttl_;
  std::vector<std::string> members_;  // sorted
  std::vector<std::uint64_t> hashes_;
  std::map<long, PeerState> states_;
  std::map<long, PeerState> pending_;
  std::int64_t lease_id_ = 0;
  TimePoint lease_deadline_{};
  TimePoint next_keepalive_{};
  std::int64_t watch_revision_ = 0;
  bool rerange_ = false;
};

}  // namespace gw::cluster
