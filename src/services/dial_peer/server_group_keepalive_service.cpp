// ServerGroupKeepaliveService: see server_group_keepalive_service.hpp.
#include "services/dial_peer/server_group_keepalive_service.hpp"

#include <algorithm>

#include "report/dial_peer_wording.hpp"
#include "report/server_group_wording.hpp"

namespace gw::daemon {

namespace {
using Change = keepalive::Transition::Change;
}  // namespace

ServerGroupKeepaliveService::ServerGroupKeepaliveService(asio::io_context& io,
                                                         const config::Config& config,
                                                         double time_scale, ProberFactory factory,
                                                         EventSink& sink, const Logger& logger,
                                                         const Clock* clock)
    : time_scale_(time_scale),
      factory_(std::move(factory)),
      sink_(sink),
      logger_(logger),
      clock_(clock),
      tick_timer_(io) {
  load(config);
}

ServerGroupKeepaliveService::~ServerGroupKeepaliveService() {
  stop();
}

void ServerGroupKeepaliveService::load(const config::Config& config) {
  groups_ = config.server_groups;
  ServerGroupPlan plan = plan_server_groups(config, time_scale_);
  sets_.clear();
  set_of_.clear();
  by_slot_.clear();
  free_.clear();
  for (ProbeSet& p : plan.sets) {
    const std::size_t i = sets_.size();
    for (long tag : p.dial_peers) set_of_[tag] = i;
    sets_.push_back(Set{std::move(p), {}, 0});
    for (const MemberProbe& m : sets_[i].plan.members) sets_[i].slots.push_back(add_stream(i, m));
  }
  recount();
}

std::uint32_t ServerGroupKeepaliveService::add_stream(std::size_t set, MemberProbe def) {
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(by_slot_.size());
    by_slot_.emplace_back();
  }
  Stream& s = by_slot_[slot];
  s = Stream();
  s.set = set;
  s.session.set_policy(def.probe.policy);
  s.def = std::move(def);
  s.live = true;
  if (running_) s.prober = factory_(s.def.probe.target);
  return slot;
}

void ServerGroupKeepaliveService::free_stream(std::uint32_t slot) {
  Stream& s = by_slot_[slot];
  if (s.prober) s.prober->cancel();  // no callback after cancel()
  if (pacer_) pacer_->cancel(slot);
  s = Stream();
  free_.push_back(slot);
}

Status<> ServerGroupKeepaliveService::start() {
  if (running_) return fail("state", "server-group-keepalive already started");
  for (Stream& s : by_slot_)
    if (s.live) s.prober = factory_(s.def.probe.target);
  pacer_.emplace(now());
  running_ = true;
  std::vector<std::uint32_t> all;
  for (const Set& s : sets_) all.insert(all.end(), s.slots.begin(), s.slots.end());
  schedule_first(all);
  if (!set_of_.empty()) logger_.log(server_group_started_log_line(all.size(), set_of_.size()));
  return Ok{};
}

void ServerGroupKeepaliveService::schedule_first(const std::vector<std::uint32_t>& slots) {
  pacer_->set_slots(by_slot_.size());
  if (slots.empty()) return;
  Duration shortest = by_slot_[slots.front()].session.policy().active_interval;
  for (std::uint32_t i : slots)
    shortest = std::min(shortest, by_slot_[i].session.policy().active_interval);
  if (pacer_->schedule_first(slots, shortest, now())) rearm();
}

void ServerGroupKeepaliveService::stop() {
  if (!running_) return;
  running_ = false;
  alive_.renew();
  tick_timer_.cancel();
  for (Stream& s : by_slot_) {
    if (s.prober) s.prober->cancel();
    s.probing = false;
  }
  pacer_->drop_backlog();
  if (streams() > 0)
    logger_.log(server_group_stats_log_line(streams(), set_of_.size(), probes_,
                                            lateness_.snapshot(), pacer_->wakeups(),
                                            pacer_->deferred()));
}

void ServerGroupKeepaliveService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  if (!running_) {
    if (!pacer_) load(next);
    return;
  }
  if (diff.dial_peers.empty() && diff.server_groups.empty()) return;
  groups_ = next.server_groups;
  ServerGroupPlan plan = plan_server_groups(next, time_scale_);
  std::map<ProbeSetKey, std::size_t> old_index;
  for (std::size_t i = 0; i < sets_.size(); ++i) old_index[sets_[i].plan.key] = i;
  std::vector<Set> old = std::move(sets_);
  sets_.clear();
  set_of_.clear();
  std::vector<std::uint32_t> added;
  std::size_t kept = 0;
  for (ProbeSet& p : plan.sets) {
    const std::size_t i = sets_.size();
    for (long tag : p.dial_peers) set_of_[tag] = i;
    sets_.push_back(Set{std::move(p), {}, 0});
    Set& set = sets_[i];
    Set* before = nullptr;
    if (auto it = old_index.find(set.plan.key); it != old_index.end()) before = &old[it->second];
    for (const MemberProbe& m : set.plan.members) {
      std::optional<std::uint32_t> same;
      if (before) {
        for (std::uint32_t& slot : before->slots) {
          if (slot != UINT32_MAX && by_slot_[slot].def.same_stream(m)) {
            same = slot;
            slot = UINT32_MAX;  // taken
            break;
          }
        }
      }
      if (same) {
        by_slot_[*same].set = i;
        ++kept;
        set.slots.push_back(*same);
      } else {
        set.slots.push_back(add_stream(i, m));
        added.push_back(set.slots.back());
      }
    }
    for (std::uint32_t slot : set.slots)
      if (by_slot_[slot].session.state() == keepalive::TargetState::down) ++set.down;
  }
  std::size_t stopped = 0;
  for (Set& s : old)
    for (std::uint32_t slot : s.slots)
      if (slot != UINT32_MAX) {
        free_stream(slot);
        ++stopped;
      }
  recount();
  schedule_first(added);
  if (!added.empty() || stopped > 0)
    logger_.log(server_group_restart_log_line(added.size(), stopped, kept));
}

void ServerGroupKeepaliveService::rearm() {
  if (!running_) return;
  const std::optional<TimePoint> w = pacer_->arm();
  if (!w) return;
  tick_timer_.expires_after(std::max(Duration::zero(), *w - now()));
  tick_timer_.async_wait([this, alive = alive_.token()](const std::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    poll(pacer_->fired());
  });
}

void ServerGroupKeepaliveService::poll(std::optional<TimePoint> woke_for) {
  if (!running_) return;
  pacer_->poll(now(), woke_for, [this](std::uint32_t slot, TimePoint due) { begin(slot, due); });
  rearm();
}

void ServerGroupKeepaliveService::begin(std::uint32_t slot, TimePoint due) {
  Stream& s = by_slot_[slot];
  if (!s.live || !s.prober) return;
  const TimePoint t = now();
  lateness_.record(t - due);
  const bool first = s.session.phase() == keepalive::TargetSession::Phase::idle;
  auto st = first ? s.session.start(t) : s.session.begin_attempt(t);
  if (!st) return logger_.log(dial_peer_internal_error_log_line(st.error().message));
  ++probes_;
  const auto& policy = s.session.policy();
  s.probing = true;
  auto r =
      s.prober->attempt(net::SipProbeParams{policy.retries, policy.t1, policy.t2},
                        [this, slot](const keepalive::AttemptOutcome& o) { on_result(slot, o); });
  if (!r) {
    s.probing = false;
    logger_.log(dial_peer_internal_error_log_line(r.error().message));
  }
}

GroupPeerState ServerGroupKeepaliveService::state_of(const Set& s) {
  if (s.plan.shutdown || s.slots.empty() || s.down == s.slots.size())
    return GroupPeerState::busyout;
  return s.down > 0 ? GroupPeerState::partial : GroupPeerState::active;
}

void ServerGroupKeepaliveService::on_result(std::uint32_t slot,
                                            const keepalive::AttemptOutcome& outcome) {
  Stream& s = by_slot_[slot];
  if (!s.live || !s.probing) return;
  s.probing = false;
  auto tr = s.session.on_attempt_result(keepalive::end_of(outcome, now()), outcome);
  if (!tr) return logger_.log(dial_peer_internal_error_log_line(tr.error().message));
  if (tr->change != Change::unchanged) {
    Set& set = sets_[s.set];
    const GroupPeerState from = state_of(set);
    count(set, -1);
    if (tr->change == Change::went_down) ++set.down;
    if (tr->change == Change::went_up) --set.down;
    count(set, +1);
    const GroupPeerState to = state_of(set);
    const std::string address = s.prober->address();
    const auto reason = tr->reason.value_or(outcome.reason);
    const ServerGroupMemberChange mc{set.plan.key.group, tr->change == Change::went_up, address,
                                     s.def.probe.target.transport, reason};
    sink_.emit(server_group_member_event(mc));
    logger_.log(server_group_member_log_line(mc));
    if (from != to) {
      for (long tag : set.plan.dial_peers) {
        const ServerGroupPeerChange pc{tag,     set.plan.key.group,           from,  to,
                                       address, s.def.probe.target.transport, reason};
        if (from == GroupPeerState::busyout || to == GroupPeerState::busyout)
          sink_.emit(server_group_peer_event(pc));
        logger_.log(server_group_peer_log_line(pc));
        if (peer_observer_) peer_observer_(pc);
      }
    }
  }
  if (running_ && pacer_->schedule(slot, tr->next_attempt)) rearm();
}

std::optional<GroupPeerState> ServerGroupKeepaliveService::state(long tag) const {
  const auto it = set_of_.find(tag);
  if (it == set_of_.end()) return std::nullopt;
  return state_of(sets_[it->second]);
}

bool ServerGroupKeepaliveService::member_up(long group, std::string_view address,
                                            Transport transport) const {
  // sets_ is ordered by key, whose first field is the group.
  auto it = std::partition_point(sets_.begin(), sets_.end(),
                                 [group](const Set& s) { return s.plan.key.group < group; });
  for (; it != sets_.end() && it->plan.key.group == group; ++it) {
    if (it->down == 0) continue;
    for (std::uint32_t slot : it->slots) {
      const Stream& m = by_slot_[slot];
      if (m.session.state() == keepalive::TargetState::down &&
          m.def.probe.target.transport == transport &&
          member_address(m.def.probe.target) == address)
        return false;
    }
  }
  return true;
}

void ServerGroupKeepaliveService::recount() {
  counts_ = Counts{};
  for (const Set& set : sets_) count(set, +1);
}

void ServerGroupKeepaliveService::count(const Set& set, int sign) {
  const auto add = [sign](std::size_t& n, std::size_t v) { n = sign > 0 ? n + v : n - v; };
  add(counts_.members_down, set.down);
  const std::size_t peers = set.plan.dial_peers.size();
  add(counts_.peers, peers);
  const GroupPeerState st = state_of(set);
  if (st == GroupPeerState::partial) add(counts_.partial, peers);
  if (st == GroupPeerState::busyout) add(counts_.busyout, peers);
}

void ServerGroupKeepaliveService::summary(DaemonSnapshot& out) const {
  ServerGroupKeepaliveSnapshot s;
  s.probes = probes_;
  s.members_probed = streams();
  s.members_down = counts_.members_down;
  s.peers = counts_.peers;
  s.partial = counts_.partial;
  s.busyout = counts_.busyout;
  out.server_groups = std::move(s);
}

void ServerGroupKeepaliveService::snapshot(DaemonSnapshot& out) const {
  summary(out);
  ServerGroupKeepaliveSnapshot& s = *out.server_groups;
  for (const auto& [tag, g] : groups_) s.groups[tag] = ServerGroupStateSnapshot{tag, g, {}, {}};
  for (const Set& set : sets_) {
    ServerGroupStateSnapshot& g = s.groups[set.plan.key.group];
    g.dial_peers.insert(g.dial_peers.end(), set.plan.dial_peers.begin(), set.plan.dial_peers.end());
    const GroupPeerState st = state_of(set);
    for (long tag : set.plan.dial_peers) s.dial_peers[tag] = st;
    for (std::uint32_t slot : set.slots) {
      const Stream& m = by_slot_[slot];
      ServerGroupMemberSnapshot ms;
      ms.member = m.def.member;
      ms.profile = set.plan.key.profile;
      ms.address = m.prober ? m.prober->address() : config::configured_text(m.def.probe.target);
      ms.transport = m.def.probe.target.transport;
      ms.state = m.session.state();
      ms.last_status = m.session.last_status();
      ms.last_failure = m.session.last_failure();
      ms.attempts = m.session.attempts();
      ms.failures = m.session.failures();
      g.probes.push_back(std::move(ms));
    }
  }
  for (auto& [tag, g] : s.groups) std::sort(g.dial_peers.begin(), g.dial_peers.end());
}

}  // namespace gw::daemon
