// Rules of the non-INVITE client transaction (everything that affects a transition is here):
// 1. start() sends the request once and arms two timers: Timer E (retransmit, UDP only) and the
//    attempt deadline, fixed at first send + attempt_timeout(retries, T1, T2) (Timer F's role).
// 2. Over UDP, Timer E waits min(T1 * 2^k, T2) after the k-th send (k = 0 is the first send); in
//    Proceeding the next waits are T2 (RFC 3261 §17.1.2.2). At most `retries` retransmissions,
//    and none at or after the deadline.
// 3. Over TCP/TLS nothing is retransmitted; the deadline is the same.
// 4. A 1xx moves Trying/Proceeding to Proceeding and changes nothing else: the deadline stands.
// 5. A final response (200-699) completes the transaction; deciding whether 503/505 count as a
//    failure is the keepalive layer's job. A transport error fails it at once.
// 6. After completion or failure, late timers, responses and transport errors are absorbed
//    (Timer K's job: retransmitted responses are not new events). start() is only valid in Idle;
//    timers and responses are impossible before start().
#include "sip/client_transaction.hpp"

#include <algorithm>
#include <string>

namespace gw::sip {
namespace {

enum class Event { start, timer, provisional, final_response, transport_error };
constexpr int kEvents = 5;
constexpr int kStates = 5;

std::string_view to_string(Event e) {
  switch (e) {
    case Event::start:
      return "start";
    case Event::timer:
      return "timer";
    case Event::provisional:
      return "provisional-response";
    case Event::final_response:
      return "final-response";
    case Event::transport_error:
      return "transport-error";
  }
  return "?";
}

enum class Rule { handle, absorb, impossible };
constexpr Rule H = Rule::handle, A = Rule::absorb, X = Rule::impossible;

// Transition table: state x event -> rule. "handle" rows name their target states beside them.
constexpr Rule kTable[kStates][kEvents] = {
    //           start timer 1xx final transport-error
    /* idle */ {H, X, X, X, X},        // start -> trying
    /* trying */ {X, H, H, H, H},      // timer -> trying|failed, 1xx -> proceeding,
    /* proceeding */ {X, H, H, H, H},  //   final -> completed, transport-error -> failed
    /* completed */ {X, A, A, A, A},
    /* failed */ {X, A, A, A, A},
};

}  // namespace

std::string_view to_string(TxState s) {
  switch (s) {
    case TxState::idle:
      return "idle";
    case TxState::trying:
      return "trying";
    case TxState::proceeding:
      return "proceeding";
    case TxState::completed:
      return "completed";
    case TxState::failed:
      return "failed";
  }
  return "?";
}

std::string_view to_string(TxAction a) {
  switch (a) {
    case TxAction::none:
      return "none";
    case TxAction::send:
      return "send";
    case TxAction::retransmit:
      return "retransmit";
    case TxAction::completed:
      return "completed";
    case TxAction::failed:
      return "failed";
  }
  return "?";
}

std::string_view to_string(TransportError e) {
  switch (e) {
    case TransportError::refused:
      return "refused";
    case TransportError::reset:
      return "reset";
    case TransportError::tls:
      return "tls";
  }
  return "?";
}

Duration attempt_timeout(int retries, Duration t1, Duration t2) {
  retries = std::clamp(retries, 0, kMaxRetries);
  Duration total{0};
  Duration wait = t1;
  for (int i = 0; i <= retries; ++i) {
    total += std::min(wait, t2);
    if (wait < t2) wait *= 2;
  }
  return total;
}

ClientTransaction::ClientTransaction(bool reliable, int retries, Duration t1, Duration t2)
    : reliable_(reliable), retries_(std::clamp(retries, 0, kMaxRetries)), t1_(t1), t2_(t2) {}

Duration ClientTransaction::wait_after(int sends) const {
  if (state_ == TxState::proceeding) return t2_;
  Duration wait = t1_;
  for (int i = 0; i < sends && wait < t2_; ++i) wait *= 2;
  return std::min(wait, t2_);
}

void ClientTransaction::finish(TxState s, TimePoint now) {
  state_ = s;
  finished_ = now;
  retransmit_at_.reset();
}

namespace {
Result<Rule> check(TxState s, Event e) {
  const Rule r = kTable[static_cast<int>(s)][static_cast<int>(e)];
  if (r == Rule::impossible) {
    return fail("impossible-event", "event '" + std::string(to_string(e)) +
                                        "' is impossible in state '" + std::string(to_string(s)) +
                                        "'");
  }
  return r;
}
}  // namespace

Result<TxAction> ClientTransaction::start(TimePoint now) {
  auto rule = check(state_, Event::start);
  if (!rule) return Unexpected<Error>{rule.error()};
  state_ = TxState::trying;
  started_ = now;
  fail_at_ = now + attempt_timeout(retries_, t1_, t2_);
  if (!reliable_ && retries_ > 0) retransmit_at_ = now + wait_after(0);
  return TxAction::send;
}

Result<TxAction> ClientTransaction::on_timer(TimePoint now) {
  auto rule = check(state_, Event::timer);
  if (!rule) return Unexpected<Error>{rule.error()};
  if (*rule == Rule::absorb) return TxAction::none;
  if (now >= fail_at_) {
    failure_ = TxFailure{TxFailure::Kind::timeout, {}};
    finish(TxState::failed, now);
    return TxAction::failed;
  }
  if (!retransmit_at_ || now < *retransmit_at_) return TxAction::none;
  ++retransmissions_;
  // Next Timer E counts from when this one was due, so a late wake-up does not shift the plan.
  const TimePoint next = *retransmit_at_ + wait_after(retransmissions_);
  if (retransmissions_ < retries_ && next < fail_at_)
    retransmit_at_ = next;
  else
    retransmit_at_.reset();
  return TxAction::retransmit;
}

Result<TxAction> ClientTransaction::on_response(int status, TimePoint now) {
  const bool provisional = status >= 100 && status <= 199;
  if (status < 100 || status > 699) {
    return fail("bad-status", "status " + std::to_string(status) + " is outside 100-699");
  }
  auto rule = check(state_, provisional ? Event::provisional : Event::final_response);
  if (!rule) return Unexpected<Error>{rule.error()};
  if (*rule == Rule::absorb) return TxAction::none;
  if (provisional) {
    state_ = TxState::proceeding;
    provisional_ = status;
    return TxAction::none;
  }
  status_ = status;
  rtt_ = now - started_;
  finish(TxState::completed, now);
  return TxAction::completed;
}

Result<TxAction> ClientTransaction::on_transport_error(TransportError e, TimePoint now) {
  auto rule = check(state_, Event::transport_error);
  if (!rule) return Unexpected<Error>{rule.error()};
  if (*rule == Rule::absorb) return TxAction::none;
  failure_ = TxFailure{TxFailure::Kind::transport, e};
  finish(TxState::failed, now);
  return TxAction::failed;
}

std::optional<TimePoint> ClientTransaction::next_deadline() const {
  if (state_ != TxState::trying && state_ != TxState::proceeding) return std::nullopt;
  if (retransmit_at_) return std::min(*retransmit_at_, fail_at_);
  return fail_at_;
}

}  // namespace gw::sip
