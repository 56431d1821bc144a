// DialPeerTable: see dial_peer_table.hpp.
#include "services/dial_peer/dial_peer_table.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

namespace gw::daemon {

namespace {

// Replaces the entries of `v` (sorted by tag) whose tag is in `tags` (sorted) by `more` (sorted
// by tag, every tag in `tags`). Touches only v's range between tags.front() and tags.back().
template <class T>
void replace_tag_range(std::vector<T>& v, std::span<const long> tags, std::vector<T>& more) {
  auto lo = std::lower_bound(v.begin(), v.end(), tags.front(),
                             [](const T& a, long t) { return a.tag < t; });
  auto hi =
      std::upper_bound(lo, v.end(), tags.back(), [](long t, const T& a) { return t < a.tag; });
  std::vector<T> merged;
  merged.reserve(static_cast<std::size_t>(hi - lo) + more.size());
  auto m = more.begin();
  for (auto it = lo; it != hi; ++it) {
    if (std::binary_search(tags.begin(), tags.end(), it->tag)) continue;  // replaced
    while (m != more.end() && m->tag < it->tag) merged.push_back(std::move(*m++));
    merged.push_back(std::move(*it));
  }
  for (; m != more.end(); ++m) merged.push_back(std::move(*m));
  const auto pos = lo - v.begin();
  v.erase(lo, hi);
  v.insert(v.begin() + pos, std::make_move_iterator(merged.begin()),
           std::make_move_iterator(merged.end()));
}

}  // namespace

DialPeerTable::Other DialPeerTable::other_of(long tag, const config::DialPeer& dp) {
  Other o{tag,
          "",
          dp.description,
          !dp.shutdown,
          dp.keepalive_profile.value_or(0),
          dp.session_transport.value_or(Transport::udp),
          dp.server_group.value_or(0)};
  if (dp.session_target)
    o.session_target =
        config::configured_text(config::KeepaliveTarget{*dp.session_target, o.transport});
  return o;
}

void DialPeerTable::load(const config::Config& config) {
  profiles_ = config.keepalive_profiles;
  peers_.clear();
  free_.clear();
  by_tag_.clear();
  others_.clear();
  notes_.clear();
  busyout_ = 0;
  peers_.reserve(config.dial_peers.size());  // no doubling slack; shrunk below if fewer are probed
  std::string why;
  for (const auto& [tag, dp] : config.dial_peers) {
    auto probe = plan_dial_peer(config, tag, dp, time_scale_, &why);
    if (probe && owned_ && !owned_(tag)) probe.reset();  // another node probes it
    if (!why.empty()) notes_.push_back({tag, std::move(why)});
    if (probe) {
      by_tag_.push_back(add(std::move(*probe)));
    } else {
      others_.push_back(other_of(tag, dp));
    }
  }
  peers_.shrink_to_fit();
  others_.shrink_to_fit();
}

std::uint32_t DialPeerTable::add(DialPeerProbe&& probe) {
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(peers_.size());
    peers_.emplace_back();
  }
  Peer& p = peers_[slot];
  p = Peer();
  p.tag = probe.tag;
  p.target = std::move(probe.target);
  p.profile = probe.profile;
  p.live = true;
  p.session.set_policy(probe.policy);
  return slot;
}

void DialPeerTable::remove(std::uint32_t slot) {
  Peer& p = peers_[slot];
  if (p.live && p.session.state() == keepalive::TargetState::down) --busyout_;
  p = Peer();  // frees the target's strings
  free_.push_back(slot);
}

std::optional<std::uint32_t> DialPeerTable::slot_of(long tag) const {
  const auto it = std::lower_bound(by_tag_.begin(), by_tag_.end(), tag,
                                   [this](std::uint32_t i, long t) { return peers_[i].tag < t; });
  if (it == by_tag_.end() || peers_[*it].tag != tag) return std::nullopt;
  return *it;
}

DialPeerTable::Applied DialPeerTable::apply(const config::Config& next,
                                            std::span<const long> tags) {
  Applied out;
  if (tags.empty()) return out;
  // The dial-peers of `tags` leave by_tag_; those `next` still probes come back below.
  std::vector<bool> was_probed(tags.size(), false);
  const auto tag_less = [this](std::uint32_t i, long t) { return peers_[i].tag < t; };
  const auto by_tag = [this](std::uint32_t a, std::uint32_t b) {
    return peers_[a].tag < peers_[b].tag;
  };
  // Freed only after every lookup (a freed slot has tag 0). A bulk change takes by_tag_'s range
  // out and merges it back: a slice must not touch every slot.
  const bool few = tags.size() <= kFewChanges;
  std::vector<std::uint32_t> kept;  // bulk: the range's unchanged dial-peers
  std::ptrdiff_t range_at = 0;
  if (few) {
    for (std::size_t k = 0; k < tags.size(); ++k) {
      auto it = std::lower_bound(by_tag_.begin(), by_tag_.end(), tags[k], tag_less);
      if (it == by_tag_.end() || peers_[*it].tag != tags[k]) continue;
      out.freed.push_back(*it);
      was_probed[k] = true;
      by_tag_.erase(it);
    }
  } else {
    auto lo = std::lower_bound(by_tag_.begin(), by_tag_.end(), tags.front(), tag_less);
    auto hi = std::upper_bound(lo, by_tag_.end(), tags.back(),
                               [this](long t, std::uint32_t i) { return t < peers_[i].tag; });
    std::size_t k = 0;
    for (auto it = lo; it != hi; ++it) {
      const long t = peers_[*it].tag;
      while (k < tags.size() && tags[k] < t) ++k;
      if (k < tags.size() && tags[k] == t) {
        out.freed.push_back(*it);
        was_probed[k] = true;
      } else {
        kept.push_back(*it);
      }
    }
    range_at = lo - by_tag_.begin();
    by_tag_.erase(lo, hi);  // back below, merged with the new ones
  }
  for (std::uint32_t i : out.freed) remove(i);

  std::vector<Other> new_others;
  std::vector<Note> new_notes;
  std::string why;
  for (std::size_t k = 0; k < tags.size(); ++k) {
    const long tag = tags[k];
    const auto it = next.dial_peers.find(tag);
    std::optional<DialPeerProbe> probe;
    std::string note;
    if (it != next.dial_peers.end()) {
      probe = plan_dial_peer(next, tag, it->second, time_scale_, &why);
      if (probe && owned_ && !owned_(tag)) probe.reset();  // another node probes it
      if (!why.empty()) {
        note = why;
        new_notes.push_back({tag, std::move(why)});
      }
      if (!probe) new_others.push_back(other_of(tag, it->second));
    }
    if (probe || was_probed[k] || !note.empty())
      out.changes.push_back({tag, was_probed[k], probe.has_value(), std::move(note)});
    if (probe) out.added.push_back(add(std::move(*probe)));
  }

  if (few) {
    for (std::uint32_t i : out.added)
      by_tag_.insert(std::lower_bound(by_tag_.begin(), by_tag_.end(), peers_[i].tag, tag_less), i);
  } else {
    std::vector<std::uint32_t> merged(kept.size() + out.added.size());
    std::merge(kept.begin(), kept.end(), out.added.begin(), out.added.end(), merged.begin(),
               by_tag);
    by_tag_.insert(by_tag_.begin() + range_at, merged.begin(), merged.end());
  }
  replace_tag_range(others_, tags, new_others);
  replace_tag_range(notes_, tags, new_notes);
  return out;
}

Result<keepalive::Transition> DialPeerTable::on_attempt_result(
    std::uint32_t slot, TimePoint end, const keepalive::AttemptOutcome& outcome) {
  auto tr = peers_[slot].session.on_attempt_result(end, outcome);
  using Moved = keepalive::Transition::Change;
  if (tr && tr->change == Moved::went_down) ++busyout_;
  if (tr && tr->change == Moved::went_up) --busyout_;
  return tr;
}

void DialPeerTable::clear_probing() {
  for (Peer& p : peers_) p.probing = false;
}

Duration DialPeerTable::shortest_interval(std::span<const std::uint32_t> slots) const {
  Duration interval = peers_[slots[0]].session.policy().active_interval;
  for (std::uint32_t i : slots)
    interval = std::min(interval, peers_[i].session.policy().active_interval);
  return interval;
}

std::vector<std::uint32_t> DialPeerTable::unstarted(std::span<const std::uint32_t> slots) const {
  std::vector<std::uint32_t> out;
  out.reserve(slots.size());
  std::vector<bool> taken(peers_.size(), false);
  for (std::uint32_t i : slots) {
    const Peer& p = peers_[i];
    if (taken[i] || !p.live || p.probing) continue;
    if (p.session.phase() != keepalive::TargetSession::Phase::idle) continue;
    taken[i] = true;
    out.push_back(i);
  }
  return out;
}

void DialPeerTable::snapshot(DialPeerKeepaliveSnapshot& s,
                             const std::function<std::string(std::uint32_t)>& address_of) const {
  s.profiles = profiles_;
  s.notes.reserve(notes_.size());
  for (const auto& n : notes_) s.notes.push_back(n.text);
  s.peers.reserve(by_tag_.size() + others_.size());
  // Merge the probed dial-peers (by_tag_) with the others (by tag).
  std::size_t i = 0, j = 0;
  while (i < by_tag_.size() || j < others_.size()) {
    DialPeerStateSnapshot d;
    if (j < others_.size() && (i >= by_tag_.size() || others_[j].tag < peers_[by_tag_[i]].tag)) {
      const Other& o = others_[j++];
      d.tag = o.tag;
      d.description = o.description;
      d.session_target = o.session_target;
      d.admin_up = o.admin_up;
      d.profile = o.profile;
      d.transport = o.transport;
      d.server_group = o.server_group;
    } else {
      const std::uint32_t slot = by_tag_[i++];
      const Peer& p = peers_[slot];
      d.tag = p.tag;
      d.session_target = config::configured_text(p.target);
      d.profile = p.profile;
      d.transport = p.target.transport;
      d.keepalive = true;
      d.address = address_of(slot);
      d.state = p.session.state();
      d.probing = p.probing;
      d.consecutive_successes = p.session.consecutive_successes();
      d.last_status = p.session.last_status();
      d.last_rtt = p.session.last_rtt();
      d.last_failure = p.session.last_failure();
      d.attempts = p.session.attempts();
      d.failures = p.session.failures();
    }
    s.peers.push_back(std::move(d));
  }
}

}  // namespace gw::daemon
