// GroupManager: see group_manager.hpp for the rules.
// g++ 12 false -Wmaybe-uninitialized on variants holding strings (see ccm_session.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "sccp/group_manager.hpp"

#include <algorithm>

namespace gw::sccp {

std::string_view to_string(CcmRole r) {
  switch (r) {
    case CcmRole::active:
      return "active";
    case CcmRole::standby:
      return "standby";
    case CcmRole::connecting:
      return "connecting";
    case CcmRole::down:
      return "down";
    case CcmRole::idle:
      return "idle";
  }
  return "?";
}

GroupManager::GroupManager(GroupConfig config) : config_(std::move(config)) {
  const GroupPolicy& p = config_.policy;
  SessionConfig sc{p.keepalive_timeout,    p.keepalive_retries, p.registration_timeout,
                   p.registration_retries, p.time_scale,        config_.local_ip,
                   config_.devices};
  std::vector<CcmConfig> ordered = config_.ccms;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const CcmConfig& a, const CcmConfig& b) { return a.priority < b.priority; });
  ccms_.reserve(ordered.size());
  for (auto& c : ordered)
    ccms_.push_back(Ccm{std::move(c), CcmSession(sc), std::nullopt, 0, false, std::nullopt});
}

GroupManager::Ccm* GroupManager::find(std::uint32_t id) {
  for (auto& c : ccms_)
    if (c.config.identifier == id) return &c;
  return nullptr;
}

const CcmSession* GroupManager::session(std::uint32_t id) const {
  for (const auto& c : ccms_)
    if (c.config.identifier == id) return &c.session;
  return nullptr;
}

std::optional<std::uint32_t> GroupManager::active() const {
  if (!active_) return std::nullopt;
  return ccms_[*active_].config.identifier;
}

void GroupManager::emit(GroupEvent e) {
  events_.push_back(std::move(e));
}

void GroupManager::start(TimePoint now) {
  started_ = true;
  reconcile(now);
}

void GroupManager::on_connected(std::uint32_t id, TimePoint now) {
  Ccm* c = find(id);
  if (!c || !c->session.on_connected(now)) return;
  drain(static_cast<std::size_t>(c - ccms_.data()), now);
  reconcile(now);
}

void GroupManager::on_connect_failed(std::uint32_t id, TimePoint now) {
  Ccm* c = find(id);
  if (!c || !c->session.on_connect_failed(now)) return;
  drain(static_cast<std::size_t>(c - ccms_.data()), now);
  reconcile(now);
}

void GroupManager::on_closed(std::uint32_t id, TimePoint now) {
  Ccm* c = find(id);
  if (!c || !c->session.on_closed(now)) return;
  drain(static_cast<std::size_t>(c - ccms_.data()), now);
  reconcile(now);
}

void GroupManager::on_bytes(std::uint32_t id, std::string_view bytes, TimePoint now) {
  Ccm* c = find(id);
  if (!c) return;
  c->session.on_bytes(now, bytes);
  drain(static_cast<std::size_t>(c - ccms_.data()), now);
  reconcile(now);
}

void GroupManager::on_timer(TimePoint now) {
  for (std::size_t i = 0; i < ccms_.size(); ++i) {
    auto d = ccms_[i].session.deadline();
    if (d && now >= *d) {
      ccms_[i].session.on_timer(now);
      drain(i, now);
    }
  }
  reconcile(now);
}

void GroupManager::set_active_calls(unsigned calls, TimePoint now) {
  calls_ = calls;
  reconcile(now);
}

void GroupManager::shutdown(TimePoint now) {
  shutting_down_ = true;
  for (std::size_t i = 0; i < ccms_.size(); ++i) {
    ccms_[i].session.shutdown(now);
    drain(i, now);
  }
}

bool GroupManager::finished() const {
  return shutting_down_ && std::all_of(ccms_.begin(), ccms_.end(), [](const Ccm& c) {
           return c.session.state() == SessionState::idle;
         });
}

// Moves a session's output to the action queue and turns its events into group decisions.
void GroupManager::drain(std::size_t i, TimePoint now) {
  Ccm& c = ccms_[i];
  const std::uint32_t id = c.config.identifier;
  if (std::string out = c.session.take_output(); !out.empty())
    actions_.push_back(group_action::Send{id, std::move(out)});
  for (auto& ev : c.session.take_events()) {
    if (std::holds_alternative<session_event::Connected>(ev)) {
      c.connect_failures = 0;
      c.down_reported = false;
      emit(group_event::Connected{config_.group, id});
      if (active_ != i && standby_interval_)
        c.session.set_keepalive_interval(standby_interval_, now);
    } else if (std::holds_alternative<session_event::Answered>(ev)) {
      c.answered_at = now;
    } else if (auto* r = std::get_if<session_event::Registered>(&ev)) {
      emit(group_event::Registered{config_.group, id, r->device, r->keepalive_interval,
                                   r->received_interval_s});
      if (active_ == i && r->secondary_interval_s != 0) {
        standby_interval_ = scaled(seconds(r->secondary_interval_s), config_.policy.time_scale);
        for (std::size_t j = 0; j < ccms_.size(); ++j)
          if (j != i) ccms_[j].session.set_keepalive_interval(standby_interval_, now);
      }
    } else if (std::holds_alternative<session_event::Finished>(ev)) {
      actions_.push_back(group_action::Close{id});
    } else if (auto* d = std::get_if<session_event::Down>(&ev)) {
      c.answered_at.reset();
      c.next_attempt = now + config_.policy.connect_interval;
      bool report = true;
      if (d->reason == DownReason::refused) {
        ++c.connect_failures;
        report = c.connect_failures >= config_.policy.connect_retries;
      } else {
        actions_.push_back(group_action::Close{id});
      }
      if (report && !c.down_reported) {
        c.down_reported = true;
        emit(group_event::Down{config_.group, id, d->reason});
      }
      if (active_ == i) {
        active_.reset();
        lost_from_ = id;
      }
    }
  }
  if (std::string out = c.session.take_output(); !out.empty())
    actions_.push_back(group_action::Send{id, std::move(out)});
}

void GroupManager::reconcile(TimePoint now) {
  if (!started_ || shutting_down_) return;
  if (!active_) choose_active(now);
  if (active_) consider_switchback(now);
  manage_connections(now);
}

void GroupManager::choose_active(TimePoint now) {
  if (lost_from_ && config_.policy.switchover == SwitchoverMethod::graceful && calls_ > 0)
    return;  // graceful: wait until no call is active
  for (std::size_t i = 0; i < ccms_.size(); ++i) {
    const Ccm& c = ccms_[i];
    const SessionState s = c.session.state();
    if (s == SessionState::connecting && c.connect_failures == 0 && !c.down_reported)
      return;  // a better CCM may still come up: wait for its attempt
    if (s != SessionState::standby) continue;
    ccms_[i].session.promote(now);
    active_ = i;
    if (lost_from_)
      emit(group_event::Switchover{config_.group, *lost_from_, ccms_[i].config.identifier});
    lost_from_.reset();
    drain(i, now);
    return;
  }
}

// When a better CCM that answered may take over, or nullopt if it never will on its own.
std::optional<TimePoint> GroupManager::switchback_time(const Ccm& c) const {
  const TimePoint t = *c.answered_at;
  switch (config_.policy.switchback) {
    case SwitchbackMethod::immediate:
      return t;
    case SwitchbackMethod::graceful:
      if (calls_ == 0) return t;
      return std::nullopt;
    case SwitchbackMethod::guard:
      if (calls_ == 0) return t;
      return t + config_.policy.switchback_guard;
    case SwitchbackMethod::uptime:
      return t + config_.policy.switchback_interval;
  }
  return std::nullopt;
}

void GroupManager::consider_switchback(TimePoint now) {
  const std::size_t a = *active_;
  for (std::size_t i = 0; i < a; ++i) {
    Ccm& c = ccms_[i];
    if (c.config.priority >= ccms_[a].config.priority) break;
    if (c.session.state() != SessionState::standby || !c.answered_at) continue;
    const auto when = switchback_time(c);
    if (!when || now < *when) return;  // the best answering CCM decides; wait for it
    Ccm& old = ccms_[a];
    (void)old.session.demote(now);
    old.session.set_keepalive_interval(standby_interval_, now);
    c.session.promote(now);
    active_ = i;
    emit(group_event::Switchback{config_.group, old.config.identifier, c.config.identifier});
    drain(a, now);
    drain(i, now);
    return;
  }
}

std::optional<std::size_t> GroupManager::standby_index() const {
  if (!active_) return std::nullopt;
  for (std::size_t i = 0; i < ccms_.size(); ++i)
    if (i != *active_ && ccms_[i].config.priority >= ccms_[*active_].config.priority) return i;
  return std::nullopt;
}

bool GroupManager::wanted(std::size_t i) const {
  if (!active_ || i == *active_) return true;
  if (ccms_[i].config.priority < ccms_[*active_].config.priority) return true;  // switchback
  return standby_index() == i;
}

void GroupManager::manage_connections(TimePoint now) {
  for (std::size_t i = 0; i < ccms_.size(); ++i) {
    Ccm& c = ccms_[i];
    const SessionState s = c.session.state();
    const bool idle = s == SessionState::idle || s == SessionState::down;
    if (wanted(i)) {
      if (idle && (!c.next_attempt || now >= *c.next_attempt)) {
        c.next_attempt.reset();
        (void)c.session.open(now);
        actions_.push_back(group_action::Open{c.config.identifier, c.config.host, c.config.port});
      }
    } else if (s == SessionState::standby || s == SessionState::connecting) {
      c.session.abort();
      c.answered_at.reset();
      c.next_attempt.reset();
      actions_.push_back(group_action::Close{c.config.identifier});
    }
  }
}

std::optional<TimePoint> GroupManager::deadline() const {
  std::optional<TimePoint> d;
  auto take = [&](std::optional<TimePoint> t) {
    if (t && (!d || *t < *d)) d = t;
  };
  for (std::size_t i = 0; i < ccms_.size(); ++i) {
    const Ccm& c = ccms_[i];
    take(c.session.deadline());
    if (shutting_down_) continue;
    const SessionState s = c.session.state();
    if ((s == SessionState::idle || s == SessionState::down) && wanted(i)) take(c.next_attempt);
    if (active_ && i < *active_ && s == SessionState::standby && c.answered_at)
      take(switchback_time(c));
  }
  return d;
}

GroupSnapshot GroupManager::snapshot() const {
  GroupSnapshot g{config_.group, active(), {}};
  for (std::size_t i = 0; i < ccms_.size(); ++i) {
    const Ccm& c = ccms_[i];
    const SessionState s = c.session.state();
    CcmRole role = CcmRole::idle;
    if (active_ == i)
      role = CcmRole::active;
    else if (s == SessionState::standby || s == SessionState::unregistering ||
             s == SessionState::registering || s == SessionState::registered)
      role = CcmRole::standby;
    else if (s == SessionState::down || c.down_reported || c.connect_failures > 0)
      role = CcmRole::down;
    else if (s == SessionState::connecting)
      role = CcmRole::connecting;
    g.ccms.push_back(
        CcmSnapshot{c.config.identifier, c.config.host + ":" + std::to_string(c.config.port),
                    c.config.priority, role, s, c.session.configured_interval(),
                    c.session.effective_interval(), c.session.unacked(), c.session.counters()});
  }
  return g;
}

std::vector<GroupAction> GroupManager::take_actions() {
  return std::exchange(actions_, {});
}
std::vector<GroupEvent> GroupManager::take_events() {
  return std::exchange(events_, {});
}

}  // namespace gw::sccp
