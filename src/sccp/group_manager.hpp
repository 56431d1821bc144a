// GroupManager: the `sccp ccm group` logic over one CcmSession per CallManager. Pure: it asks
// the caller to open/close connections and send bytes, and reports events; no sockets, no
// clock reads.
//
// Inputs: start(), on_connected/on_connect_failed/on_closed/on_bytes(ccm identifier, …),
// on_timer(now) when deadline() is reached, set_active_calls(), shutdown().
// Outputs, collected until taken: take_actions() (Open/Close/Send, in order; Close of a
// connection that is already gone must be a no-op for the caller), take_events(),
// deadline(), snapshot() for `show sccp ccm group`.
// Inputs naming an unknown CCM, or a connection the manager already closed, are ignored.
//
// Rules (gatewatch defines, reference/ios-keepalive.md "SCCP keepalive behaviour"):
// - CCMs are ordered by priority (1 first), ties in configuration order.
// - No active CCM: every CCM is tried; the first in order whose connection is up is promoted
//   (its devices register) — but not while a better CCM not yet known down is still
//   connecting. When that follows the loss of an active CCM it is a switchover (event
//   from → to); `immediate` does it at once, `graceful` once no call is active
//   (set_active_calls(); gatewatch carries no calls, so normally at once).
// - Active CCM: connections are kept to the active, to every better-priority CCM (switchback
//   candidates) and to one standby: the first CCM in order that is not better than the active.
//   Others are closed. A connection that is not the active one uses the active CCM's
//   secondaryKeepAliveInterval once its RegisterAck gave one.
// - A CCM whose connection fails or goes down is retried every `connect interval`. It is
//   reported down (event) at once when an established connection is lost (keepalive, closed,
//   rejected); a CCM not up since start or since its last loss is reported down(refused) after
//   `connect retries` refused attempts in a row.
// - Switchback: a better-priority CCM answers when a KeepAliveAck arrives on its connection.
//   Then, per `switchback method`: immediate at once; graceful when no call is active; guard
//   when no call is active or once the guard time has passed since it answered; uptime once
//   it has stayed up `switchback interval` since it answered. The old active unregisters its
//   devices and stays as standby (or is closed if it is no longer wanted).
// - shutdown(): every session unregisters (bounded wait) and is closed; finished() tells when.
// Not thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/time.hpp"
#include "sccp/ccm_session.hpp"
#include "sccp/group_policy.hpp"

namespace gw::sccp {

namespace group_action {
struct Open {
  std::uint32_t ccm;
  std::string host;
  std::uint16_t port;
};
struct Close {
  std::uint32_t ccm;
};
struct Send {
  std::uint32_t ccm;
  std::string bytes;
};
}  // namespace group_action
using GroupAction = std::variant<group_action::Open, group_action::Close, group_action::Send>;

// Events; `ccm`, `from` and `to` are CCM identifiers. Names as in design.md.
namespace group_event {
struct Connected {  // sccp.ccm.connected
  unsigned group;
  std::uint32_t ccm;
};
struct Registered {  // sccp.ccm.registered
  unsigned group;
  std::uint32_t ccm;
  std::string device;
  Duration keepalive_interval;        // effective (scaled)
  std::uint32_t received_interval_s;  // from RegisterAck; 0 = configured value kept
};
struct Down {  // sccp.ccm.down
  unsigned group;
  std::uint32_t ccm;
  DownReason reason;
};
struct Switchover {  // sccp.switchover
  unsigned group;
  std::uint32_t from;
  std::uint32_t to;
};
struct Switchback {  // sccp.switchback
  unsigned group;
  std::uint32_t from;
  std::uint32_t to;
};
}  // namespace group_event
using GroupEvent = std::variant<group_event::Connected, group_event::Registered, group_event::Down,
                                group_event::Switchover, group_event::Switchback>;

enum class CcmRole { active, standby, connecting, down, idle };
std::string_view to_string(CcmRole r);

// One row of `show sccp ccm group`.
struct CcmSnapshot {
  std::uint32_t identifier;
  std::string address;  // host:port
  unsigned priority;
  CcmRole role;
  SessionState session;
  Duration configured_keepalive;
  Duration effective_keepalive;
  unsigned unacked;
  SessionCounters counters;
};

struct GroupSnapshot {
  unsigned group;
  std::optional<std::uint32_t> active;
  std::vector<CcmSnapshot> ccms;  // in priority order
};

class GroupManager {
 public:
  explicit GroupManager(GroupConfig config);

  void start(TimePoint now);
  void on_connected(std::uint32_t ccm, TimePoint now);
  void on_connect_failed(std::uint32_t ccm, TimePoint now);
  void on_closed(std::uint32_t ccm, TimePoint now);
  void on_bytes(std::uint32_t ccm, std::string_view bytes, TimePoint now);
  void on_timer(TimePoint now);
  void set_active_calls(unsigned calls, TimePoint now);
  void shutdown(TimePoint now);

  bool finished() const;  // after shutdown(): every connection closed
  std::vector<GroupAction> take_actions();
  std::vector<GroupEvent> take_events();
  std::optional<TimePoint> deadline() const;
  GroupSnapshot snapshot() const;
  std::optional<std::uint32_t> active() const;
  const CcmSession* session(std::uint32_t ccm) const;  // nullptr for an unknown id

 private:
  struct Ccm {
    CcmConfig config;
    CcmSession session;
    std::optional<TimePoint> next_attempt;
    unsigned connect_failures = 0;
    bool down_reported = false;
    std::optional<TimePoint> answered_at;
  };

  Ccm* find(std::uint32_t id);
  void drain(std::size_t i, TimePoint now);
  void reconcile(TimePoint now);
  void choose_active(TimePoint now);
  void consider_switchback(TimePoint now);
  std::optional<TimePoint> switchback_time(const Ccm& c) const;
  void manage_connections(TimePoint now);
  bool wanted(std::size_t i) const;
  std::optional<std::size_t> standby_index() const;
  void emit(GroupEvent e);

  GroupConfig config_;
  std::vector<Ccm> ccms_;
  std::optional<std::size_t> active_;
  std::optional<std::uint32_t> lost_from_;    // active CCM lost, switchover pending
  std::optional<Duration> standby_interval_;  // active's secondaryKeepAliveInterval, scaled
  unsigned calls_ = 0;
  bool started_ = false;
  bool shutting_down_ = false;
  std::vector<GroupAction> actions_;
  std::vector<GroupEvent> events_;
};

}  // namespace gw::sccp
