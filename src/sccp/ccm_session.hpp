// CcmSession: the SCCP state machine of one TCP connection to one CallManager. Pure: no
// sockets, no clock reads. The caller owns the connection and the timer.
//
// Inputs: open(), on_connected(), on_connect_failed(), on_closed(), on_bytes(), on_timer(now),
// and the group's decisions promote() (register the devices here), demote() (unregister them,
// stay connected as standby) and shutdown() (unregister, then finish).
// Outputs, collected until taken: bytes to send (take_output()), events (take_events()), and
// the next deadline (deadline()): call on_timer() when it is reached.
//
// Rules (everything that affects a transition is in ccm_session.cpp, table kTransitions):
// - Keepalive: on connect one KeepAlive goes out at once, then one every interval. The
//   interval is the configured `keepalive timeout` until a RegisterAck carries a non-zero
//   keepAliveInterval (× time_scale); a standby connection uses the override set with
//   set_keepalive_interval() (the active CCM's secondaryKeepAliveInterval). An interval change
//   restarts the keepalive timer from now. A KeepAliveAck resets the unacked count to 0. When
//   a KeepAlive is due and `keepalive retries` KeepAlives are unacked, the session is down
//   (reason keepalive): exactly retries × interval after the first unacked KeepAlive.
// - Registration: devices register one at a time in configuration order (Register, then wait
//   for RegisterAck). A RegisterReject or `registration timeout` without answer is a failed
//   attempt; the attempt is repeated at once until `registration retries` attempts of a
//   device failed, then the session is down (reason rejected).
// - CapabilitiesReq is answered with CapabilitiesRes in any connected state. Reset restarts
//   registration of every device. Unknown messages are counted and ignored; a message that
//   does not fit the state is counted (unexpected) and ignored.
// - Unregister: one Unregister per registered device; the wait for the UnregisterAcks is
//   bounded by `registration timeout`.
// - Down is terminal for the connection: the caller closes it (reasons keepalive, rejected, and
//   a framing error which reports closed) and may open() again later.
// Not thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "sccp/framer.hpp"
#include "sccp/messages.hpp"
#include "sccp/settings.hpp"

namespace gw::sccp {

namespace detail {
enum class SessionInput : int;  // sccp/session_input.hpp
}

// A device (DSP farm profile) registered on the CallManager.
struct Device {
  std::string name;  // ≤ 15 characters
  std::uint32_t type = kDeviceTypeConference;
  std::uint32_t max_streams = 0;  // `maximum sessions`
};

// Session settings, named after their commands; defaults from settings.hpp. Durations arrive
// already scaled by --time-scale.
struct SessionConfig {
  Duration keepalive_timeout = seconds(ccm_group::kKeepaliveTimeout.default_value);
  unsigned keepalive_retries = ccm_group::kKeepaliveRetries.default_value;
  Duration registration_timeout = seconds(ccm_group::kRegistrationTimeout.default_value);
  unsigned registration_retries = ccm_group::kRegistrationRetries.default_value;
  double time_scale = 1.0;     // applied to intervals received from the CCM
  std::uint32_t local_ip = 0;  // Register's ip field, network byte order
  std::vector<Device> devices;
};

enum class SessionState { idle, connecting, standby, registering, registered, unregistering, down };
std::string_view to_string(SessionState s);

enum class DownReason { keepalive, closed, refused, rejected };
std::string_view to_string(DownReason r);

namespace session_event {
struct Connected {};
struct Answered {};  // first KeepAliveAck on this connection: the CCM answers
struct Registered {
  std::string device;
  Duration keepalive_interval;         // effective, scaled
  std::uint32_t received_interval_s;   // RegisterAck keepAliveInterval (0: configured kept)
  std::uint32_t secondary_interval_s;  // RegisterAck secondaryKeepAliveInterval
};
struct Unregistered {};  // demote() finished: devices unregistered, still connected (standby)
struct Finished {};      // shutdown() finished: close the connection
struct Down {
  DownReason reason;
};
}  // namespace session_event
using SessionEvent =
    std::variant<session_event::Connected, session_event::Answered, session_event::Registered,
                 session_event::Unregistered, session_event::Finished, session_event::Down>;

// Counters of wire input that was ignored.
struct SessionCounters {
  std::uint64_t unknown = 0;     // Unknown message ids
  std::uint64_t malformed = 0;   // frames decode() refused
  std::uint64_t unexpected = 0;  // known messages that do not fit the state
  std::uint64_t keepalives_sent = 0;
  std::uint64_t keepalive_acks = 0;
  std::uint64_t register_rejects = 0;
};

class CcmSession {
 public:
  explicit CcmSession(SessionConfig config);

  // Connection inputs. An input the state does not allow returns an error naming input and
  // state and changes nothing.
  Status<> open(TimePoint now);               // idle|down → connecting
  Status<> on_connected(TimePoint now);       // connecting → standby
  Status<> on_connect_failed(TimePoint now);  // connecting → down(refused)
  Status<> on_closed(TimePoint now);          // connected states → down(closed)
  void on_bytes(TimePoint now, std::string_view bytes);
  void on_message(TimePoint now, const Message& msg);
  void on_timer(TimePoint now);

  // Group decisions.
  Status<> promote(TimePoint now);  // standby → registering
  Status<> demote(TimePoint now);   // registering|registered → unregistering → standby
  void shutdown(TimePoint now);     // unregister if registered, then Finished; always allowed
  void abort();                     // forget the connection (caller closed it): → idle, silent

  // Standby interval (the active CCM's secondaryKeepAliveInterval, already scaled); nullopt
  // clears it. Restarts the keepalive timer when connected.
  void set_keepalive_interval(std::optional<Duration> interval, TimePoint now);

  std::string take_output();
  std::vector<SessionEvent> take_events();
  std::optional<TimePoint> deadline() const;

  SessionState state() const { return state_; }
  unsigned unacked() const { return unacked_; }
  bool answered() const { return answered_; }
  Duration configured_interval() const { return config_.keepalive_timeout; }
  Duration effective_interval() const;
  const SessionCounters& counters() const { return counters_; }
  const SessionConfig& config() const { return config_; }

 private:
  Status<> transition(detail::SessionInput in);
  void interval_changed(Duration before, TimePoint now);
  void go_down(DownReason reason);
  void on_connected_entry(TimePoint now);
  void send(const Message& m);
  void emit(SessionEvent e);
  void send_keepalive(TimePoint now);
  void start_registration(TimePoint now);
  void send_register(TimePoint now);
  void registration_failed(TimePoint now);
  void start_unregister(TimePoint now, bool then_finish);
  void unregister_done();
  void on_register_ack(TimePoint now, const RegisterAck& ack);

  SessionConfig config_;
  SessionState state_ = SessionState::idle;
  Framer framer_;
  std::string out_;
  std::vector<SessionEvent> events_;
  SessionCounters counters_;

  // Keepalive.
  std::optional<Duration> ack_interval_;      // from our RegisterAck
  std::optional<Duration> standby_interval_;  // set_keepalive_interval()
  std::optional<TimePoint> next_keepalive_;
  unsigned unacked_ = 0;
  bool answered_ = false;

  // Registration.
  std::size_t reg_index_ = 0;  // device being registered; = devices registered so far
  unsigned reg_attempts_ = 0;  // failed + current attempts for that device
  std::optional<TimePoint> reg_deadline_;

  // Unregistration.
  std::size_t unreg_pending_ = 0;
  bool finish_after_unregister_ = false;
  std::optional<TimePoint> unreg_deadline_;
};

}  // namespace gw::sccp
