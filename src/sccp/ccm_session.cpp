// CcmSession: transition table and actions. Rules: see ccm_session.hpp.
// g++ 12 reports a false -Wmaybe-uninitialized when a std::variant holding a std::string is
// built from an empty alternative (GCC bug 107138 family); the code is -O0/-O2 clean otherwise.
// clang has no such warning (and would reject the unknown name under -Werror).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "sccp/ccm_session.hpp"

#include <algorithm>

#include "sccp/session_input.hpp"

namespace gw::sccp {

using S = SessionState;
using In = detail::SessionInput;

CcmSession::CcmSession(SessionConfig config) : config_(std::move(config)) {
  // A retry count of 0 would never declare anything down; the CLI range is 1-32.
  config_.keepalive_retries = std::max(1u, config_.keepalive_retries);
  config_.registration_retries = std::max(1u, config_.registration_retries);
}

Status<> CcmSession::transition(In in) {
  if (const auto to = detail::next_state(state_, in)) {
    state_ = *to;
    return Ok{};
  }
  return fail("sccp.session.unexpected_input",
              std::string(detail::input_name(in)) + " in state " + std::string(to_string(state_)));
}

Duration CcmSession::effective_interval() const {
  if ((state_ == S::registering || state_ == S::registered || state_ == S::unregistering) &&
      ack_interval_)
    return *ack_interval_;
  if (standby_interval_ && !(state_ == S::registering || state_ == S::registered))
    return *standby_interval_;
  return config_.keepalive_timeout;
}

void CcmSession::send(const Message& m) {
  out_ += encode(m);
}

void CcmSession::emit(SessionEvent e) {
  events_.push_back(std::move(e));
}

void CcmSession::go_down(DownReason reason) {
  next_keepalive_.reset();
  reg_deadline_.reset();
  unreg_deadline_.reset();
  emit(session_event::Down{reason});
}

Status<> CcmSession::open(TimePoint) {
  auto st = transition(In::open);
  if (!st) return st;
  framer_ = Framer{};
  ack_interval_.reset();
  unacked_ = 0;
  answered_ = false;
  reg_index_ = 0;
  reg_attempts_ = 0;
  finish_after_unregister_ = false;
  return Ok{};
}

Status<> CcmSession::on_connected(TimePoint now) {
  auto st = transition(In::connected);
  if (!st) return st;
  emit(session_event::Connected{});
  send_keepalive(now);
  return Ok{};
}

Status<> CcmSession::on_connect_failed(TimePoint) {
  auto st = transition(In::connect_failed);
  if (!st) return st;
  go_down(DownReason::refused);
  return Ok{};
}

Status<> CcmSession::on_closed(TimePoint) {
  if (state_ == S::unregistering && finish_after_unregister_) {  // shutting down anyway
    unregister_done();
    return Ok{};
  }
  const bool was_connecting = state_ == S::connecting;
  auto st = transition(In::closed);
  if (!st) return st;
  go_down(was_connecting ? DownReason::refused : DownReason::closed);
  return Ok{};
}

void CcmSession::send_keepalive(TimePoint now) {
  send(KeepAlive{});
  ++unacked_;
  ++counters_.keepalives_sent;
  next_keepalive_ = now + effective_interval();
}

void CcmSession::on_bytes(TimePoint now, std::string_view bytes) {
  if (state_ == S::idle || state_ == S::down || state_ == S::connecting) return;
  if (!framer_.feed(bytes)) {
    ++counters_.malformed;
    if (transition(In::closed)) go_down(DownReason::closed);
    return;
  }
  while (auto frame = framer_.pop()) {
    auto msg = decode(*frame);
    if (!msg) {
      ++counters_.malformed;
      continue;
    }
    on_message(now, *msg);
    if (state_ == S::down || state_ == S::idle) return;
  }
}

void CcmSession::on_message(TimePoint now, const Message& msg) {
  if (state_ == S::idle || state_ == S::down || state_ == S::connecting) {
    ++counters_.unexpected;
    return;
  }
  if (std::holds_alternative<KeepAliveAck>(msg)) {
    ++counters_.keepalive_acks;
    unacked_ = 0;
    if (!answered_) {
      answered_ = true;
      emit(session_event::Answered{});
    }
  } else if (std::holds_alternative<CapabilitiesReq>(msg)) {
    send(default_capabilities());
  } else if (const auto* ack = std::get_if<RegisterAck>(&msg); ack && state_ == S::registering) {
    on_register_ack(now, *ack);
  } else if (std::holds_alternative<RegisterReject>(msg) && state_ == S::registering) {
    ++counters_.register_rejects;
    registration_failed(now);
  } else if (std::holds_alternative<Reset>(msg) &&
             (state_ == S::registering || state_ == S::registered)) {
    (void)transition(In::reset);
    start_registration(now);
  } else if (std::holds_alternative<UnregisterAck>(msg) && state_ == S::unregistering &&
             unreg_pending_ > 0) {
    if (--unreg_pending_ == 0) unregister_done();
  } else if (std::holds_alternative<Unknown>(msg)) {
    ++counters_.unknown;
  } else {
    ++counters_.unexpected;
  }
}

void CcmSession::on_register_ack(TimePoint now, const RegisterAck& ack) {
  const Duration before = effective_interval();
  if (ack.keepalive_interval != 0) {
    ack_interval_ = scaled(seconds(ack.keepalive_interval), config_.time_scale);
  }
  emit(session_event::Registered{config_.devices[reg_index_].name, effective_interval(),
                                 ack.keepalive_interval, ack.secondary_keepalive_interval});
  interval_changed(before, now);
  ++reg_index_;
  reg_attempts_ = 0;
  if (reg_index_ < config_.devices.size()) {
    send_register(now);
  } else {
    reg_deadline_.reset();
    (void)transition(In::registration_done);
  }
}

void CcmSession::start_registration(TimePoint now) {
  reg_index_ = 0;
  reg_attempts_ = 0;
  if (config_.devices.empty()) {
    reg_deadline_.reset();
    (void)transition(In::registration_done);
    return;
  }
  send_register(now);
}

void CcmSession::send_register(TimePoint now) {
  const Device& d = config_.devices[reg_index_];
  ++reg_attempts_;
  send(Register{d.name, 0, 1, config_.local_ip, d.type, d.max_streams});
  reg_deadline_ = now + config_.registration_timeout;
}

void CcmSession::registration_failed(TimePoint now) {
  if (reg_attempts_ >= config_.registration_retries) {
    (void)transition(In::registration_failed);
    go_down(DownReason::rejected);
    return;
  }
  send_register(now);
}

Status<> CcmSession::promote(TimePoint now) {
  if (state_ == S::registering || state_ == S::registered) return Ok{};
  auto st = transition(In::promote);
  if (!st) return st;
  const Duration before = standby_interval_.value_or(config_.keepalive_timeout);
  standby_interval_.reset();
  interval_changed(before, now);
  start_registration(now);
  return Ok{};
}

Status<> CcmSession::demote(TimePoint now) {
  auto st = transition(In::demote);
  if (!st) return st;
  start_unregister(now, false);
  return Ok{};
}

void CcmSession::shutdown(TimePoint now) {
  if (state_ == S::registering || state_ == S::registered) {
    (void)transition(In::shutdown_unregister);
    start_unregister(now, true);
  } else if (state_ == S::unregistering) {
    finish_after_unregister_ = true;
  } else {
    (void)transition(In::finish);
    next_keepalive_.reset();
    emit(session_event::Finished{});
  }
}

void CcmSession::abort() {
  state_ = S::idle;
  next_keepalive_.reset();
  reg_deadline_.reset();
  unreg_deadline_.reset();
}

void CcmSession::start_unregister(TimePoint now, bool then_finish) {
  reg_deadline_.reset();
  finish_after_unregister_ = then_finish;
  unreg_pending_ = reg_index_;  // devices registered so far
  for (std::size_t i = 0; i < unreg_pending_; ++i) send(Unregister{});
  const Duration before = effective_interval();
  ack_interval_.reset();
  interval_changed(before, now);
  if (unreg_pending_ == 0) {
    unregister_done();
    return;
  }
  unreg_deadline_ = now + config_.registration_timeout;
}

void CcmSession::unregister_done() {
  unreg_deadline_.reset();
  unreg_pending_ = 0;
  reg_index_ = 0;
  if (finish_after_unregister_) {
    (void)transition(In::finish);
    next_keepalive_.reset();
    emit(session_event::Finished{});
  } else {
    (void)transition(In::unregister_done);
    emit(session_event::Unregistered{});
  }
}

void CcmSession::set_keepalive_interval(std::optional<Duration> interval, TimePoint now) {
  const Duration before = effective_interval();
  standby_interval_ = interval;
  interval_changed(before, now);
}

// An interval change restarts the keepalive timer from now (only while it runs).
void CcmSession::interval_changed(Duration before, TimePoint now) {
  if (next_keepalive_ && effective_interval() != before)
    next_keepalive_ = now + effective_interval();
}

void CcmSession::on_timer(TimePoint now) {
  if (unreg_deadline_ && now >= *unreg_deadline_) unregister_done();  // bounded wait
  if (reg_deadline_ && now >= *reg_deadline_) registration_failed(now);
  if (state_ == S::down || state_ == S::idle) return;
  if (next_keepalive_ && now >= *next_keepalive_) {
    if (unacked_ >= config_.keepalive_retries) {
      (void)transition(In::keepalive_lost);
      go_down(DownReason::keepalive);
      return;
    }
    // The next KeepAlive is due one interval after this one was DUE, not after the timer
    // fired, so a late wake-up does not push every later KeepAlive (and the down decision,
    // retries x interval after the first unanswered one) back by its lateness.
    const TimePoint due = *next_keepalive_;
    send_keepalive(now);
    if (due + effective_interval() > now) next_keepalive_ = due + effective_interval();
  }
}

std::optional<TimePoint> CcmSession::deadline() const {
  std::optional<TimePoint> d;
  for (const auto& t : {next_keepalive_, reg_deadline_, unreg_deadline_})
    if (t && (!d || *t < *d)) d = t;
  return d;
}

std::string CcmSession::take_output() {
  return std::exchange(out_, {});
}

std::vector<SessionEvent> CcmSession::take_events() {
  return std::exchange(events_, {});
}

}  // namespace gw::sccp
