// ClusterSync: see cluster_sync.hpp.
#include "cluster/cluster_sync.hpp"

#include <algorithm>
#include <charconv>

#include "cluster/hrw.hpp"
#include "cluster/settings.hpp"

namespace gw::cluster {

ClusterSync::ClusterSync(std::string self, Duration ttl) : self_(std::move(self)), ttl_(ttl) {
  members_ = {self_};
  rehash();
}

void ClusterSync::rehash() {
  hashes_.clear();
  for (const auto& m : members_) hashes_.push_back(node_hash(m));
}

bool ClusterSync::set_members(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names == members_) return false;
  members_ = std::move(names);
  rehash();
  return true;
}

const std::string& ClusterSync::owner_of(long tag) const {
  static const std::string kNone;
  const std::size_t i = owner_index(tag, hashes_, members_);
  return i < members_.size() ? members_[i] : kNone;
}

bool ClusterSync::owns(long tag) const {
  return owner_of(tag) == self_;
}

const PeerState* ClusterSync::state_of(long tag) const {
  auto it = states_.find(tag);
  return it == states_.end() ? nullptr : &it->second;
}

bool ClusterSync::apply_state(long tag, PeerState state) {
  auto [it, fresh] = states_.try_emplace(tag, state);
  if (fresh) return true;
  if (it->second == state) return false;
  it->second = std::move(state);
  return true;
}

bool ClusterSync::is_transition(long tag, const PeerState& next) const {
  const PeerState* prev = state_of(tag);
  return prev ? prev->up != next.up : !next.up;
}

void ClusterSync::publish(long tag, PeerState state) {
  states_[tag] = state;
  pending_[tag] = std::move(state);
}

std::vector<std::pair<std::string, std::string>> ClusterSync::next_batch() {
  std::vector<std::pair<std::string, std::string>> out;
  auto it = pending_.begin();
  while (it != pending_.end() && out.size() < kMaxOpsPerTxn) {
    out.emplace_back(state_key(it->first), encode_state(it->second));
    it = pending_.erase(it);
  }
  return out;
}

void ClusterSync::batch_failed(std::vector<std::pair<std::string, std::string>> batch) {
  for (auto& [key, value] : batch) {
    auto tag = tag_of_state_key(key);
    auto s = decode_state(value);
    if (tag && s) pending_.try_emplace(*tag, std::move(*s));  // a newer one wins
  }
}

void ClusterSync::lease_granted(std::int64_t id, TimePoint now) {
  lease_id_ = id;
  lease_deadline_ = now + ttl_;
  next_keepalive_ = now + ttl_ / 3;
}

void ClusterSync::keepalive_ok(std::int64_t ttl, TimePoint now) {
  if (ttl <= 0) return lease_dropped();
  lease_deadline_ = now + std::chrono::seconds(ttl);
  next_keepalive_ = now + ttl_ / 3;
}

void ClusterSync::keepalive_failed(TimePoint now) {
  next_keepalive_ = now + std::min<Duration>(std::chrono::seconds(1), ttl_ / 3);
}

void ClusterSync::lease_dropped() {
  lease_id_ = 0;
}

ClusterSync::Changes ClusterSync::on_watch(const WatchMessage& m) {
  Changes c;
  if (m.compact_revision > 0) {
    rerange_ = true;
    return c;
  }
  if (m.revision > watch_revision_) watch_revision_ = m.revision;
  std::vector<std::string> members = members_;
  bool members_changed = false;
  for (const auto& e : m.events) {
    if (e.kv.mod_revision > watch_revision_) watch_revision_ = e.kv.mod_revision;
    const std::string_view key = e.kv.key;
    if (key.starts_with(kMembersPrefix)) {
      std::string name(key.substr(kMembersPrefix.size()));
      auto it = std::find(members.begin(), members.end(), name);
      if (e.deleted) {
        if (name == self_) c.self_deleted = true;
        if (it != members.end() && name != self_) {
          members.erase(it);
          c.left.push_back(name);
          members_changed = true;
        }
      } else if (it == members.end()) {
        members.push_back(name);
        c.joined.push_back(name);
        members_changed = true;
      }
    } else if (auto tag = tag_of_state_key(key)) {
      if (e.deleted) {
        states_.erase(*tag);
        continue;
      }
      auto s = decode_state(e.kv.value);
      if (!s || s->node == self_) continue;  // our own writes are in the view already
      if (is_transition(*tag, *s)) c.states.push_back(*tag);
      apply_state(*tag, std::move(*s));
    }
  }
  if (members_changed) set_members(std::move(members));
  return c;
}

std::string ClusterSync::member_key(std::string_view node) {
  return std::string(kMembersPrefix) + std::string(node);
}

std::string ClusterSync::state_key(long tag) {
  return std::string(kStatesPrefix) + std::to_string(tag);
}

std::optional<long> ClusterSync::tag_of_state_key(std::string_view key) {
  if (!key.starts_with(kStatesPrefix)) return std::nullopt;
  key.remove_prefix(kStatesPrefix.size());
  long v = 0;
  auto [p, ec] = std::from_chars(key.data(), key.data() + key.size(), v);
  if (ec != std::errc() || p != key.data() + key.size() || key.empty()) return std::nullopt;
  return v;
}

}  // namespace gw::cluster
