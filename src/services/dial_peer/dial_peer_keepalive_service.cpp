#include "services/dial_peer/dial_peer_keepalive_service.hpp"

#include <algorithm>
#include <asio/post.hpp>
#include <iterator>

namespace gw::daemon {

namespace {
using Change = keepalive::Transition::Change;
constexpr auto kTick = std::chrono::milliseconds(1);
constexpr std::size_t kSlots = 16384;       // one revolution: 16 s of 1 ms ticks
constexpr std::size_t kLoggedChanges = 32;  // per reconfigure; then one summary line
constexpr std::size_t kFewChanges = 64;     // up to this many: by_tag_ edited in place
}  // namespace

DialPeerKeepaliveService::DialPeerKeepaliveService(asio::io_context& io,
                                                   const config::Config& config, double time_scale,
                                                   ProberFactory factory, EventSink& sink,
                                                   const Logger& logger, const Clock* clock)
    : time_scale_(time_scale),
      factory_(std::move(factory)),
      sink_(sink),
      logger_(logger),
      clock_(clock),
      tick_timer_(io) {
  load(config);
}

DialPeerKeepaliveService::~DialPeerKeepaliveService() {
  stop();
}

DialPeerKeepaliveService::OtherPeer DialPeerKeepaliveService::other_of(long tag,
                                                                       const config::DialPeer& dp) {
  OtherPeer o{tag,
              "",
              dp.description,
              !dp.shutdown,
              dp.keepalive_profile.value_or(0),
              dp.session_transport.value_or(Transport::udp)};
  if (dp.session_target)
    o.session_target =
        config::configured_text(config::KeepaliveTarget{*dp.session_target, o.transport});
  return o;
}

void DialPeerKeepaliveService::load(const config::Config& config) {
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
    if (!why.empty()) notes_.push_back({tag, std::move(why)});
    if (probe) {
      by_tag_.push_back(add_peer(std::move(*probe)));
    } else {
      others_.push_back(other_of(tag, dp));
    }
  }
  peers_.shrink_to_fit();
  others_.shrink_to_fit();
}

std::uint32_t DialPeerKeepaliveService::add_peer(DialPeerProbe&& probe) {
  std::uint32_t index;
  if (!free_.empty()) {
    index = free_.back();
    free_.pop_back();
  } else {
    index = static_cast<std::uint32_t>(peers_.size());
    peers_.emplace_back();
  }
  Peer& p = peers_[index];
  p = Peer();
  p.tag = probe.tag;
  p.target = std::move(probe.target);
  p.profile = probe.profile;
  p.live = true;
  p.session.set_policy(probe.policy);
  return index;
}

void DialPeerKeepaliveService::remove_peer(std::uint32_t index) {
  Peer& p = peers_[index];
  if (p.live && p.session.state() == keepalive::TargetState::down) --busyout_;
  if (p.prober) p.prober->cancel();  // no callback after cancel() (target_prober.hpp)
  if (wheel_) wheel_->cancel(p.timer);
  p = Peer();  // frees the prober and the target's strings
  free_.push_back(index);
}

void DialPeerKeepaliveService::start_peer(std::uint32_t index) {
  peers_[index].prober = factory_(peers_[index].target);
}

void DialPeerKeepaliveService::spread_first_attempts(const std::vector<std::uint32_t>& indexes,
                                                     TimePoint at) {
  const std::size_t n = indexes.size();
  if (n == 0) return;
  // Tick boundaries: the wheel fires them exactly (no rounding), kFirstAttemptsPerTick per
  // tick, so one wake-up and one sendmmsg carry a tick's probes. Never over more than the
  // shortest up-interval among them: with more dial-peers than that fits, ticks hold more.
  // Small batches on purpose: on a small host the answers of a large burst (and the peers'
  // work to produce them) delay the next ticks, and late ticks merge into larger bursts.
  Duration interval = peers_[indexes[0]].session.policy().active_interval;
  for (std::uint32_t i : indexes)
    interval = std::min(interval, peers_[i].session.policy().active_interval);
  TimePoint first = wheel_->fire_time(at);
  if (first <= at) first += kTick;  // that tick may have been processed already
  const auto interval_ticks = static_cast<std::size_t>(std::max<std::int64_t>(1, interval / kTick));
  const std::size_t per_tick =
      std::max(kFirstAttemptsPerTick, (n + interval_ticks - 1) / interval_ticks);
  for (std::size_t i = 0; i < n; ++i)
    schedule(indexes[i], first + kTick * static_cast<long>(i / per_tick));
}

Status<> DialPeerKeepaliveService::start() {
  if (running_) return fail("state", "dial-peer-keepalive already started");
  for (const auto& n : notes_) log(dial_peer_note_log_line(n.text));
  for (std::uint32_t i : by_tag_) start_peer(i);
  // Schedules are taken after every prober exists: building 100k of them takes a while, and
  // that time must not count as lateness of the first probes.
  const TimePoint t0 = now();
  wheel_.emplace(t0, kTick, kSlots);
  running_ = true;
  spread_first_attempts(by_tag_, t0);
  const std::size_t n = by_tag_.size();
  if (n > 0) log(dial_peer_started_log_line(n));
  return Ok{};
}

void DialPeerKeepaliveService::stop() {
  if (!running_) return;
  running_ = false;
  alive_.renew();
  tick_timer_.cancel();
  for (auto& p : peers_) {
    if (p.prober) p.prober->cancel();
    p.probing = false;
    p.backlogged = false;
  }
  backlog_.clear();
  restart_.reset();
  if (!by_tag_.empty()) {
    log(dial_peer_stats_log_line(by_tag_.size(), probes_, lateness_.snapshot(), wakeups_,
                                 deferred_total_));
  }
}

void DialPeerKeepaliveService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  if (!running_) {  // nothing runs (before start(), after stop()): take the whole configuration
    if (!wheel_) load(next);
    return;
  }
  profiles_ = next.keepalive_profiles;
  Restart r;
  r.next = &next;
  r.tags = diff.dial_peers;  // sorted
  if (restart_) {
    // An earlier change is still being applied: the dial-peers it has not reached yet join
    // this one and are planned from `next` (the earlier configuration is being replaced).
    const Restart& old = *restart_;
    std::vector<long> both;
    both.reserve(r.tags.size() + old.tags.size() - old.done);
    std::set_union(r.tags.begin(), r.tags.end(), old.tags.begin() + static_cast<long>(old.done),
                   old.tags.end(), std::back_inserter(both));
    r.tags = std::move(both);
    r.changes = old.changes;
    r.added = std::move(restart_->added);  // not scheduled yet; the re-restarted ones drop out
    restart_.reset();
  }
  if (r.tags.empty()) return;
  restart_ = std::move(r);
  apply_slice();
}

void DialPeerKeepaliveService::apply_slice() {
  Restart& r = *restart_;
  const std::size_t n = std::min(kRestartsPerSlice, r.tags.size() - r.done);
  apply_changes(*r.next, std::span<const long>(r.tags).subspan(r.done, n), r);
  r.done += n;
  if (r.done < r.tags.size()) {
    // The rest in a later handler: attempts that fall due meanwhile begin in between.
    if (slice_posted_) return;
    slice_posted_ = true;
    asio::post(tick_timer_.get_executor(), [this, alive = alive_.token()] {
      if (alive.expired()) return;
      slice_posted_ = false;
      if (running_ && restart_) apply_slice();
    });
    return;
  }
  // First attempts from the end of the whole restart, like at start-up: scheduled while later
  // slices were still to run, they would have been late by the rest of the restart. A slot in
  // `added` may have been freed or taken by another dial-peer since (a change mid-way); what is
  // live, unscheduled and not begun yet is scheduled once.
  std::vector<std::uint32_t> first;
  first.reserve(r.added.size());
  std::vector<bool> taken(peers_.size(), false);
  for (std::uint32_t i : r.added) {
    const Peer& p = peers_[i];
    if (taken[i] || !p.live || p.timer.valid() || p.probing || p.backlogged) continue;
    if (p.session.phase() != keepalive::TargetSession::Phase::idle) continue;
    taken[i] = true;
    first.push_back(i);
  }
  spread_first_attempts(first, now());
  if (r.changes > kLoggedChanges) log(dial_peer_more_changes_log_line(r.changes - kLoggedChanges));
  restart_.reset();
}

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

void DialPeerKeepaliveService::apply_changes(const config::Config& next, std::span<const long> tags,
                                             Restart& r) {
  if (tags.empty()) return;
  // The dial-peers of the diff leave by_tag_; those `next` still probes come back below.
  std::vector<bool> was_probed(tags.size(), false);
  const auto tag_less = [this](std::uint32_t i, long t) { return peers_[i].tag < t; };
  const auto by_tag = [this](std::uint32_t a, std::uint32_t b) {
    return peers_[a].tag < peers_[b].tag;
  };
  std::vector<std::uint32_t> gone;  // freed only after every lookup (a freed slot has tag 0)
  // A few changes (the usual live change or reload) edit by_tag_ in place: a binary search and
  // a memmove of 4-byte indexes each. More (a slice of a large restart, its tags one sorted
  // run) take out by_tag_'s range between its first and last tag and put it back merged:
  // touching every Peer (100k cache misses) for each slice would cost more than the slice.
  const bool few = tags.size() <= kFewChanges;
  std::vector<std::uint32_t> kept;  // bulk: the range's unchanged dial-peers
  std::ptrdiff_t range_at = 0;
  if (few) {
    for (std::size_t k = 0; k < tags.size(); ++k) {
      auto it = std::lower_bound(by_tag_.begin(), by_tag_.end(), tags[k], tag_less);
      if (it == by_tag_.end() || peers_[*it].tag != tags[k]) continue;
      gone.push_back(*it);
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
        gone.push_back(*it);
        was_probed[k] = true;
      } else {
        kept.push_back(*it);
      }
    }
    range_at = lo - by_tag_.begin();
    by_tag_.erase(lo, hi);  // back below, merged with the new ones
  }
  for (std::uint32_t i : gone) remove_peer(i);

  std::vector<std::uint32_t> added;  // in tag order
  std::vector<OtherPeer> new_others;
  std::vector<Note> new_notes;
  std::string why;
  for (std::size_t k = 0; k < tags.size(); ++k) {
    const long tag = tags[k];
    const auto it = next.dial_peers.find(tag);
    std::optional<DialPeerProbe> probe;
    if (it != next.dial_peers.end()) {
      probe = plan_dial_peer(next, tag, it->second, time_scale_, &why);
      if (!why.empty()) {
        log(dial_peer_note_log_line(why));
        new_notes.push_back({tag, std::move(why)});
      }
      if (!probe) new_others.push_back(other_of(tag, it->second));
    }
    if (probe) {
      const std::uint32_t i = add_peer(std::move(*probe));
      start_peer(i);
      added.push_back(i);
    }
    if ((probe || was_probed[k]) && ++r.changes <= kLoggedChanges)
      log(dial_peer_change_log_line(tag, was_probed[k], probe.has_value()));
  }

  if (few) {
    for (std::uint32_t i : added)
      by_tag_.insert(std::lower_bound(by_tag_.begin(), by_tag_.end(), peers_[i].tag, tag_less), i);
  } else {
    std::vector<std::uint32_t> merged(kept.size() + added.size());
    std::merge(kept.begin(), kept.end(), added.begin(), added.end(), merged.begin(), by_tag);
    by_tag_.insert(by_tag_.begin() + range_at, merged.begin(), merged.end());
  }
  replace_tag_range(others_, tags, new_others);
  replace_tag_range(notes_, tags, new_notes);

  r.added.insert(r.added.end(), added.begin(), added.end());
}

void DialPeerKeepaliveService::schedule(std::uint32_t index, TimePoint at) {
  Peer& p = peers_[index];
  p.due = at;
  // Coalesced onto the tick boundary at or after `at`: every attempt due within one 1 ms tick
  // begins in one wake-up and leaves in one sendmmsg. Firing each at its exact time cost 34
  // instead of 16-23 us of CPU per probe at 10k dial-peers (one wake-up per 1.7 probes instead
  // of per 16) and did not lower the p99 lateness (docs/benchmarks.md). The lateness recorded
  // counts from `at`, so it includes this rounding.
  const TimePoint fire = wheel_->fire_time(at);
  p.timer = wheel_->schedule(fire, index);
  if (!armed_for_ || fire < *armed_for_) rearm();  // else the armed wake-up comes first
}

void DialPeerKeepaliveService::rearm() {
  if (!running_) return;
  auto w = wheel_->next_wakeup();
  if (!backlog_.empty() && (!w || backlog_at_ < *w)) w = backlog_at_;  // it goes on then
  if (!w || (armed_for_ && *armed_for_ <= *w)) return;
  armed_for_ = *w;
  // Relative to the injected clock: with a FakeClock the timer only wakes the loop.
  tick_timer_.expires_after(std::max(Duration::zero(), *w - now()));
  Liveness::Token alive = alive_.token();
  tick_timer_.async_wait([this, alive](const std::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    const std::optional<TimePoint> woke_for = armed_for_;
    armed_for_.reset();
    poll(woke_for);
  });
}

void DialPeerKeepaliveService::poll(std::optional<TimePoint> woke_for) {
  if (!running_) return;
  // At most kAttemptsPerWakeup attempts begin per wake-up; the rest wait in backlog_, in the
  // order they fell due, with their due time kept (their lateness counts). Without the cap, a
  // wake-up that came late (the host was busy) would begin every attempt that piled up
  // meanwhile in one go, their answers would come back together, and since each next attempt
  // is due one interval after its answer they would stay one ever larger batch, making every
  // later wake-up late too. With it, a pile-up drains at kAttemptsPerWakeup per tick and the
  // batches stay small. The backlog is a FIFO outside the wheel so that a wake-up costs
  // O(kAttemptsPerWakeup + attempts newly due), not O(pile-up): putting the rest back into the
  // wheel each tick made a large pile-up slow every wake-up down, and slower wake-ups grew it.
  const TimePoint t = now();
  // A loop the host runs late (CPU starved, a busy hypervisor) wakes less often than once per
  // tick: the cap is per tick of that lateness, or the backlog would drain at 32 per wake-up
  // and outgrow it.
  std::size_t late_ticks = 0;
  if (woke_for && t > *woke_for) late_ticks = static_cast<std::size_t>((t - *woke_for) / kTick);
  const std::size_t budget = kAttemptsPerWakeup * (1 + std::min(late_ticks, kCatchUpTicks - 1));
  std::size_t begun = 0;
  // The backlog goes on at tick boundaries, once per tick: a second poll within the tick (a
  // timer that fired early against an injected clock) begins nothing more from it.
  while (t >= backlog_at_ && begun < budget && !backlog_.empty()) {
    const std::uint32_t index = backlog_.front();
    backlog_.pop_front();
    Peer& p = peers_[index];
    if (!p.live || !p.backlogged) continue;  // removed meanwhile (its slot may be reused)
    p.backlogged = false;
    ++begun;
    begin(index, p.due);
  }
  wheel_->advance(t, [this, &begun, budget](std::uint32_t index, TimePoint) {
    Peer& p = peers_[index];
    p.timer = {};
    if (!p.live) return;
    if (begun >= budget) {
      p.backlogged = true;
      backlog_.push_back(index);
      ++deferred_total_;
      return;
    }
    ++begun;
    begin(index, p.due);
  });
  if (begun > 0) ++wakeups_;
  if (!backlog_.empty() && backlog_at_ <= t) backlog_at_ = wheel_->fire_time(t + Duration(1));
  rearm();
}

void DialPeerKeepaliveService::begin(std::uint32_t index, TimePoint due) {
  Peer& p = peers_[index];
  const TimePoint t = now();
  lateness_.record(t - due);
  const bool first = p.session.phase() == keepalive::TargetSession::Phase::idle;
  auto s = first ? p.session.start(t) : p.session.begin_attempt(t);
  if (!s) {
    log(dial_peer_internal_error_log_line(s.error().message));
    return;
  }
  ++probes_;
  const auto& policy = p.session.policy();
  net::SipProbeParams params{policy.retries, policy.t1, policy.t2};
  p.probing = true;
  // No liveness guard in the callback (12 bytes: no allocation): stop() and remove_peer()
  // cancel the prober first, and a cancelled prober never calls back (target_prober.hpp).
  auto r = p.prober->attempt(
      params, [this, index](const keepalive::AttemptOutcome& o) { on_result(index, o); });
  if (!r) {
    p.probing = false;
    log(dial_peer_internal_error_log_line(r.error().message));
  }
}

void DialPeerKeepaliveService::on_result(std::uint32_t index,
                                         const keepalive::AttemptOutcome& outcome) {
  Peer& p = peers_[index];
  if (!p.live || !p.probing) return;  // removed meanwhile (cancel() should have prevented it)
  p.probing = false;
  // Timed from the answer's arrival (kernel timestamp), not from when the loop read it: answers
  // read together (receive pacing) would otherwise merge their dial-peers into one burst.
  auto tr = p.session.on_attempt_result(keepalive::end_of(outcome, now()), outcome);
  if (!tr) {
    log(dial_peer_internal_error_log_line(tr.error().message));
    return;
  }
  if (logger_.debug()) {
    log(dial_peer_attempt_log_line(p.tag, p.prober->address(), p.target.transport, outcome,
                                   p.session.state()));
  }
  if (tr->change != Change::unchanged) {
    const bool up = tr->change == Change::went_up;
    if (up)
      --busyout_;
    else
      ++busyout_;
    const std::string address = p.prober->address();
    const DialPeerChange change{.tag = p.tag,
                                .up = up,
                                .address = address,
                                .target = p.target,
                                .reason = tr->reason.value_or(outcome.reason)};
    sink_.emit(dial_peer_event(change));
    log(dial_peer_log_line(change));
  }
  if (running_) schedule(index, tr->next_attempt);
}

void DialPeerKeepaliveService::summary(DaemonSnapshot& out) const {
  DialPeerKeepaliveSnapshot s;
  s.time_scale = time_scale_;
  s.lateness = lateness_.snapshot();
  s.probes = probes_;
  s.probed = by_tag_.size();
  s.busyout = busyout_;
  out.dial_peers = std::move(s);
}

void DialPeerKeepaliveService::snapshot(DaemonSnapshot& out) const {
  summary(out);
  DialPeerKeepaliveSnapshot& s = *out.dial_peers;
  s.profiles = profiles_;  // up to 10,000 profiles and one note per dial-peer: not in a summary
  s.notes.reserve(notes_.size());
  for (const auto& n : notes_) s.notes.push_back(n.text);
  s.peers.reserve(by_tag_.size() + others_.size());
  // Merge the probed dial-peers (by_tag_) with the others (by tag).
  std::size_t i = 0, j = 0;
  while (i < by_tag_.size() || j < others_.size()) {
    DialPeerStateSnapshot d;
    if (j < others_.size() && (i >= by_tag_.size() || others_[j].tag < peers_[by_tag_[i]].tag)) {
      const OtherPeer& o = others_[j++];
      d.tag = o.tag;
      d.description = o.description;
      d.session_target = o.session_target;
      d.admin_up = o.admin_up;
      d.profile = o.profile;
      d.transport = o.transport;
    } else {
      const Peer& p = peers_[by_tag_[i++]];
      d.tag = p.tag;
      d.session_target = config::configured_text(p.target);
      d.profile = p.profile;
      d.transport = p.target.transport;
      d.keepalive = true;
      d.address = p.prober ? p.prober->address() : "";
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
