// ClientTransaction: the RFC 3261 §17.1.2 non-INVITE client transaction as a pure state machine,
// with the attempt deadline gatewatch defines (reference/ios-keepalive.md, "SIP keepalive
// behaviour"). No clock, no socket: the caller passes `now`, sends the request bytes when told
// (TxAction::send / retransmit), arms a timer at next_deadline() and calls on_timer() when it
// fires. Every event returns the action to take, or an Error naming the event and the state when
// the event is impossible in that state (the machine is left unchanged). Not thread-safe.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"

namespace gw::sip {

// RFC 3261 §17.1.1.1 defaults.
inline constexpr Duration kDefaultT1 = std::chrono::milliseconds(500);
inline constexpr Duration kDefaultT2 = std::chrono::seconds(4);
// `retry keepalive` is 1-10 in IOS; the machine accepts 0 (send once) up to this bound so that
// the deadline sum stays small and exact.
inline constexpr int kMaxRetries = 32;

// Total life of one attempt: sum(min(T1 * 2^i, T2) for i in 0..retries), i.e. the Timer E waits
// after the first send and after each of the `retries` retransmissions. 19.5 s for 6 retries.
Duration attempt_timeout(int retries, Duration t1 = kDefaultT1, Duration t2 = kDefaultT2);

enum class TxState { idle, trying, proceeding, completed, failed };
std::string_view to_string(TxState s);

// What the caller must do after an event.
enum class TxAction {
  none,        // nothing (early timer, absorbed response)
  send,        // send the request for the first time
  retransmit,  // send the same request bytes again
  completed,   // a final response arrived: see status()
  failed,      // the attempt failed: see failure()
};
std::string_view to_string(TxAction a);

enum class TransportError { refused, reset, tls };
std::string_view to_string(TransportError e);

struct TxFailure {
  enum class Kind { timeout, transport } kind = Kind::timeout;
  TransportError transport = TransportError::refused;  // meaningful when kind == transport
};

class ClientTransaction {
 public:
  // `reliable`: TCP/TLS (sent once, no retransmissions). `retries` is clamped to 0..kMaxRetries.
  ClientTransaction(bool reliable, int retries, Duration t1 = kDefaultT1, Duration t2 = kDefaultT2);

  Result<TxAction> start(TimePoint now);                    // idle -> trying, send
  Result<TxAction> on_timer(TimePoint now);                 // retransmit | failed | none
  Result<TxAction> on_response(int status, TimePoint now);  // 1xx: none; 200-699: completed
  Result<TxAction> on_transport_error(TransportError e, TimePoint now);  // failed

  // When on_timer() must next be called; nullopt when idle or finished.
  std::optional<TimePoint> next_deadline() const;

  TxState state() const { return state_; }
  bool finished() const { return state_ == TxState::completed || state_ == TxState::failed; }
  int status() const { return status_; }                 // final status, 0 before completed
  int last_provisional() const { return provisional_; }  // last 1xx status, 0 if none
  int retransmissions() const { return retransmissions_; }
  std::optional<TxFailure> failure() const { return failure_; }
  // First send to final response (ambiguous under retransmission; keepalive reports it as-is).
  std::optional<Duration> rtt() const { return rtt_; }
  TimePoint started_at() const { return started_; }
  TimePoint finished_at() const { return finished_; }

 private:
  Duration wait_after(int sends) const;
  void finish(TxState s, TimePoint now);

  bool reliable_;
  int retries_;
  Duration t1_;
  Duration t2_;

  TxState state_ = TxState::idle;
  TimePoint started_{};
  TimePoint finished_{};
  TimePoint fail_at_{};                     // started_ + attempt_timeout
  std::optional<TimePoint> retransmit_at_;  // next Timer E, nullopt when no more retransmits
  int retransmissions_ = 0;
  int status_ = 0;
  int provisional_ = 0;
  std::optional<TxFailure> failure_;
  std::optional<Duration> rtt_;
};

}  // namespace gw::sip
