#include "services/dial_peer/dial_peer_keepalive_service.hpp"

#include <algorithm>
#include <asio/post.hpp>

namespace gw::daemon {

namespace {
using Change = keepalive::Transition::Change;
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
      table_(time_scale),
      tick_timer_(io) {
  table_.load(config);
}

DialPeerKeepaliveService::~DialPeerKeepaliveService() {
  stop();
}

Status<> DialPeerKeepaliveService::start() {
  if (running_) return fail("state", "dial-peer-keepalive already started");
  for (const auto& n : table_.notes()) logger_.log(dial_peer_note_log_line(n.text));
  probers_.resize(table_.slots());
  for (std::uint32_t i : table_.by_tag()) probers_[i] = factory_(table_.peer(i).target);
  // Schedules are taken after every prober exists: building 100k of them takes a while, and
  // that time must not count as lateness of the first probes.
  const TimePoint t0 = now();
  pacer_.emplace(t0);
  pacer_->set_slots(table_.slots());
  running_ = true;
  const auto& all = table_.by_tag();
  if (!all.empty() && pacer_->schedule_first(all, table_.shortest_interval(all), t0)) rearm();
  if (!all.empty()) logger_.log(dial_peer_started_log_line(all.size()));
  return Ok{};
}

void DialPeerKeepaliveService::stop() {
  if (!running_) return;
  running_ = false;
  alive_.renew();
  tick_timer_.cancel();
  for (auto& p : probers_)
    if (p) p->cancel();  // no callback after cancel() (target_prober.hpp)
  table_.clear_probing();
  pacer_->drop_backlog();
  restart_.reset();
  if (table_.probed() > 0) {
    logger_.log(dial_peer_stats_log_line(table_.probed(), probes_, lateness_.snapshot(),
                                         pacer_->wakeups(), pacer_->deferred()));
  }
}

void DialPeerKeepaliveService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  if (!running_) {  // nothing runs (before start(), after stop()): take the whole configuration
    if (!pacer_) table_.load(next);
    return;
  }
  table_.set_profiles(next.keepalive_profiles);
  if (restart_) {  // an earlier change is still being applied: this one takes it over
    SlicedRestart earlier = std::move(*restart_);
    restart_.emplace(next, diff.dial_peers, std::move(earlier));
  } else if (!diff.dial_peers.empty()) {
    restart_.emplace(next, diff.dial_peers);
  } else {
    return;
  }
  apply_slice();
}

void DialPeerKeepaliveService::apply_slice() {
  SlicedRestart& r = *restart_;
  const std::span<const long> tags = r.slice();
  DialPeerTable::Applied applied = table_.apply(r.next(), tags);
  r.advance(tags.size());
  for (std::uint32_t i : applied.freed) {
    if (probers_[i]) probers_[i]->cancel();
    probers_[i].reset();
    pacer_->cancel(i);
  }
  probers_.resize(table_.slots());
  pacer_->set_slots(table_.slots());
  for (const auto& c : applied.changes) {
    if (!c.note.empty()) logger_.log(dial_peer_note_log_line(c.note));
    if ((c.probed || c.was_probed) && r.count_change())
      logger_.log(dial_peer_change_log_line(c.tag, c.was_probed, c.probed));
  }
  for (std::uint32_t i : applied.added) probers_[i] = factory_(table_.peer(i).target);
  r.added.insert(r.added.end(), applied.added.begin(), applied.added.end());
  if (!r.done()) {
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
  finish_restart();
}

void DialPeerKeepaliveService::finish_restart() {
  const SlicedRestart& r = *restart_;
  // First attempts from the end of the whole restart, like at start-up. A slot in `added` may
  // have been freed or taken by another dial-peer since (a change mid-way): what is yet to
  // begin is scheduled once.
  std::vector<std::uint32_t> first = table_.unstarted(r.added);
  std::erase_if(first, [this](std::uint32_t i) { return pacer_->waiting(i); });
  if (!first.empty() && pacer_->schedule_first(first, table_.shortest_interval(first), now()))
    rearm();
  if (r.unlogged() > 0) logger_.log(dial_peer_more_changes_log_line(r.unlogged()));
  restart_.reset();
}

void DialPeerKeepaliveService::rearm() {
  if (!running_) return;
  const std::optional<TimePoint> w = pacer_->arm();
  if (!w) return;
  // Relative to the injected clock: with a FakeClock the timer only wakes the loop.
  tick_timer_.expires_after(std::max(Duration::zero(), *w - now()));
  tick_timer_.async_wait([this, alive = alive_.token()](const std::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    poll(pacer_->fired());
  });
}

void DialPeerKeepaliveService::poll(std::optional<TimePoint> woke_for) {
  if (!running_) return;
  pacer_->poll(now(), woke_for, [this](std::uint32_t slot, TimePoint due) { begin(slot, due); });
  rearm();
}

void DialPeerKeepaliveService::begin(std::uint32_t slot, TimePoint due) {
  DialPeerTable::Peer& p = table_.peer(slot);
  const TimePoint t = now();
  lateness_.record(t - due);
  const bool first = p.session.phase() == keepalive::TargetSession::Phase::idle;
  auto s = first ? p.session.start(t) : p.session.begin_attempt(t);
  if (!s) return logger_.log(dial_peer_internal_error_log_line(s.error().message));
  ++probes_;
  const auto& policy = p.session.policy();
  p.probing = true;
  // No liveness guard in the callback (12 bytes: no allocation): stop() and removals cancel
  // the prober first, and a cancelled prober never calls back (target_prober.hpp).
  auto r = probers_[slot]->attempt(
      net::SipProbeParams{policy.retries, policy.t1, policy.t2},
      [this, slot](const keepalive::AttemptOutcome& o) { on_result(slot, o); });
  if (!r) {
    p.probing = false;
    logger_.log(dial_peer_internal_error_log_line(r.error().message));
  }
}

void DialPeerKeepaliveService::on_result(std::uint32_t slot,
                                         const keepalive::AttemptOutcome& outcome) {
  DialPeerTable::Peer& p = table_.peer(slot);
  if (!p.live || !p.probing) return;  // removed meanwhile (cancel() should have prevented it)
  p.probing = false;
  // Timed from the answer's arrival (kernel timestamp), not from when the loop read it: answers
  // read together (receive pacing) would otherwise merge their dial-peers into one burst.
  auto tr = table_.on_attempt_result(slot, keepalive::end_of(outcome, now()), outcome);
  if (!tr) return logger_.log(dial_peer_internal_error_log_line(tr.error().message));
  const TargetProber& prober = *probers_[slot];
  if (logger_.debug()) {
    logger_.log(dial_peer_attempt_log_line(p.tag, prober.address(), p.target.transport, outcome,
                                           p.session.state()));
  }
  if (tr->change != Change::unchanged) {
    const std::string address = prober.address();
    const DialPeerChange change{.tag = p.tag,
                                .up = tr->change == Change::went_up,
                                .address = address,
                                .target = p.target,
                                .reason = tr->reason.value_or(outcome.reason)};
    sink_.emit(dial_peer_event(change));
    logger_.log(dial_peer_log_line(change));
  }
  if (running_ && pacer_->schedule(slot, tr->next_attempt)) rearm();
}

void DialPeerKeepaliveService::summary(DaemonSnapshot& out) const {
  DialPeerKeepaliveSnapshot s;
  s.time_scale = time_scale_;
  s.lateness = lateness_.snapshot();
  s.probes = probes_;
  s.probed = table_.probed();
  s.busyout = table_.busyout();
  out.dial_peers = std::move(s);
}

bool DialPeerKeepaliveService::up(long tag) const {
  const auto slot = table_.slot_of(tag);
  return !slot || table_.peer(*slot).session.state() == keepalive::TargetState::up;
}

void DialPeerKeepaliveService::snapshot(DaemonSnapshot& out) const {
  summary(out);
  table_.snapshot(*out.dial_peers, [this](std::uint32_t slot) {
    return slot < probers_.size() && probers_[slot] ? probers_[slot]->address() : std::string();
  });
}

}  // namespace gw::daemon
