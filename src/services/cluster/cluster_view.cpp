// ClusterService, this node's view: assignment, states, events, snapshot (cluster_service.hpp).
#include <algorithm>
#include <map>

#include "cluster/settings.hpp"
#include "report/cluster_wording.hpp"
#include "services/cluster/cluster_service.hpp"
#include "services/dial_peer/dial_peer_plan.hpp"

namespace gw::daemon {

namespace {
using cluster::ClusterSync;
using cluster::PeerState;

std::string text_field(const Event& e, const char* name) {
  for (const auto& [k, v] : e.fields)
    if (k == name)
      if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return {};
}

std::optional<long> tag_field(const Event& e) {
  for (const auto& [k, v] : e.fields)
    if (k == "dial_peer")
      if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<long>(*n);
  return std::nullopt;
}
}  // namespace

void ClusterService::on_local_event(const Event& e) {
  const auto tag = tag_field(e);
  if (!tag) return;
  const bool up = e.name == names::kDialPeerUp;
  sync_.publish(*tag, PeerState{up, sync_.self(), text_field(e, "address"),
                                text_field(e, "transport"), up ? "" : text_field(e, "reason")});
  flush();
}

void ClusterService::rebalance(bool force_event) {
  const config::Config& cfg = live_config_();
  std::vector<long> moved;
  std::string why;
  shares_.clear();
  for (const auto& [tag, dp] : cfg.dial_peers) {
    const bool probed = ready_ && plan_dial_peer(cfg, tag, dp, 1.0, &why);
    if (probed) ++shares_[sync_.owner_of(tag)];
    const bool now = probed && sync_.owns(tag);
    const bool was = owned_.contains(tag);
    if (now == was) continue;
    moved.push_back(tag);
    if (now)
      owned_.insert(tag);
    else
      owned_.erase(tag);
  }
  if (!moved.empty()) {
    ConfigDiff diff;
    diff.dial_peers = moved;
    dial_peers_.reconfigure(cfg, diff);
  }
  if (moved.empty() && !force_event) return;
  ++counters_.rebalances;
  sink_.emit(cluster_rebalanced_event(sync_.self(), owned_.size()));
  logger_.log(cluster_rebalanced_log_line(sync_.members().size(), owned_.size(), moved.size()));
}

void ClusterService::apply_range(const cluster::RangeAnswer& r) {
  std::vector<std::string> members;
  ClusterSync::Changes c;
  for (const auto& kv : r.kvs) {
    const std::string_view key = kv.key;
    if (key.starts_with(cluster::kMembersPrefix)) {
      members.emplace_back(key.substr(cluster::kMembersPrefix.size()));
    } else if (auto tag = ClusterSync::tag_of_state_key(key)) {
      auto s = cluster::decode_state(kv.value);
      if (!s) continue;
      if (s->node == sync_.self() && sync_.state_of(*tag)) continue;  // ours: the view is newer
      if (sync_.is_transition(*tag, *s)) c.states.push_back(*tag);
      sync_.apply_state(*tag, std::move(*s));
    }
  }
  if (std::find(members.begin(), members.end(), sync_.self()) == members.end())
    members.push_back(sync_.self());
  const auto before = sync_.members();
  std::sort(members.begin(), members.end());
  for (const auto& m : members)
    if (!std::binary_search(before.begin(), before.end(), m)) c.joined.push_back(m);
  for (const auto& m : before)
    if (!std::binary_search(members.begin(), members.end(), m)) c.left.push_back(m);
  sync_.set_members(members);
  sync_.set_watch_revision(r.revision);
  if (ready_)
    apply_changes(c);
  else
    for (const auto& m : members) sink_.emit(cluster_member_event(true, m));
}

void ClusterService::apply_changes(const ClusterSync::Changes& c) {
  for (const auto& m : c.joined) {
    sink_.emit(cluster_member_event(true, m));
    logger_.log(cluster_member_log_line(true, m));
  }
  for (const auto& m : c.left) {
    sink_.emit(cluster_member_event(false, m));
    logger_.log(cluster_member_log_line(false, m));
  }
  if (!c.joined.empty() || !c.left.empty()) rebalance(true);
  for (long tag : c.states) emit_remote(tag);
  if (c.self_deleted && sync_.registered()) on_lease_lost("its member key was deleted");
}

void ClusterService::emit_remote(long tag) {
  const PeerState* s = sync_.state_of(tag);
  if (!s || s->node == sync_.self() || owned_.contains(tag)) return;
  sink_.emit(remote_dial_peer_event(tag, s->up, s->address, s->transport, s->reason, s->node));
  logger_.log(remote_dial_peer_log_line(tag, s->up, s->reason, s->node));
}

// Every owned dial-peer whose verdict is not what etcd holds: published (and reported when the
// state itself changed: a dial-peer taken over from another node).
void ClusterService::reconcile() {
  for (long tag : owned_) {
    const auto v = dial_peers_.verdict(tag);
    if (!v) continue;
    const PeerState* cur = sync_.state_of(tag);
    if (cur && cur->up == v->up && cur->node == sync_.self()) continue;
    PeerState s{v->up, sync_.self(), v->address, std::string(to_string(v->transport)), v->reason};
    const bool changed = cur && cur->up != v->up;
    sync_.publish(tag, s);
    if (changed) {
      sink_.emit(remote_dial_peer_event(tag, s.up, s.address, s.transport, s.reason, s.node));
      logger_.log(remote_dial_peer_log_line(tag, s.up, s.reason, s.node));
    }
  }
}

std::optional<bool> ClusterService::remote_up(long tag) const {
  const PeerState* s = sync_.state_of(tag);
  if (!s || owned_.contains(tag)) return std::nullopt;
  return s->up;
}

void ClusterService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  if (!(next.cluster == settings_)) {
    client_.set_options(etcd_options(next.cluster));
    sync_.set_ttl(seconds(next.cluster.lease));  // from the next grant
    settings_ = next.cluster;
  }
  std::string why;
  for (long tag : diff.dial_peers) {
    const auto it = next.dial_peers.find(tag);
    const bool mine = ready_ && it != next.dial_peers.end() && sync_.owns(tag) &&
                      plan_dial_peer(next, tag, it->second, 1.0, &why);
    if (mine)
      owned_.insert(tag);
    else
      owned_.erase(tag);
  }
}

void ClusterService::summary(DaemonSnapshot& out) const {
  ClusterSnapshot c;
  c.node = sync_.self();
  c.lease_seconds = settings_.lease;
  c.registered = sync_.registered();
  c.lease_id = sync_.lease_id();
  c.revision = sync_.watch_revision();
  for (const auto& h : client_.health())
    c.endpoints.push_back({h.url, h.tried, h.healthy, h.last_error});
  for (const auto& m : sync_.members())
    c.members.push_back({m, m == sync_.self() ? owned_.size() : share_of(m)});
  c.owned = owned_.size();
  c.states = sync_.states().size();
  c.pending = sync_.pending();
  c.counters = counters_;
  out.cluster = std::move(c);
}

void ClusterService::snapshot(DaemonSnapshot& out) const {
  summary(out);
  // Each member's share, as this node's assignment computes it.
  std::map<std::string, std::size_t> share;
  const config::Config& cfg = live_config_();
  std::string why;
  for (const auto& [tag, dp] : cfg.dial_peers)
    if (plan_dial_peer(cfg, tag, dp, 1.0, &why)) ++share[sync_.owner_of(tag)];
  for (auto& m : out.cluster->members)
    if (m.node != sync_.self()) m.owned = share[m.node];
  // The whole cluster in the dial-peer view: what the other nodes published.
  if (!out.dial_peers) return;
  for (auto& d : out.dial_peers->peers) {
    if (d.keepalive) continue;
    const PeerState* s = sync_.state_of(d.tag);
    if (!s || s->node == sync_.self()) continue;
    d.keepalive = true;
    d.state = s->up ? keepalive::TargetState::up : keepalive::TargetState::down;
    d.address = s->address;
    for (Transport t : {Transport::udp, Transport::tcp, Transport::tls})
      if (to_string(t) == s->transport) d.transport = t;
  }
}

}  // namespace gw::daemon
