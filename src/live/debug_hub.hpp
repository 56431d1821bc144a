// DebugHub: IOS `debug` flags and the sessions that see debug output (`terminal monitor`).
//
// Rules (as on IOS): the flags are global — any session's `debug ccsip messages` turns the
// tracing on, `undebug all` from any session turns everything off — and the output goes to
// every session with `terminal monitor` on. A tap in the wire code asks on(flag) first: while
// no flag is set or no session monitors, that is one load and a branch, and no text is built.
// `debug ccsip messages address X` limits SIP tracing to one target: X is compared with the
// target's configured host, its "host:port", and the resolved "ip:port" (at 100k dial-peers a
// full trace is rate-limited noise; one dial-peer's address is what an engineer looks at).
// Delivery: emit() hands each subscriber the text; subscribers (control socket clients) own
// rate limiting and bounding, and drop rather than block.
// Contract: pure; the io thread only. A subscriber unsubscribes before it is destroyed.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gw::daemon {

enum class DebugFlag : unsigned {
  ccsip_messages = 1,  // each SIP OPTIONS sent and each answer received, full text
  sccp_keepalive = 2,  // SCCP KeepAlive sent, KeepAliveAck received
  sccp_events = 4,     // SCCP registration, connection, switchover/switchback decisions
};

class DebugSubscriber {
 public:
  virtual ~DebugSubscriber() = default;
  virtual void debug_text(std::string_view text) = 0;  // one message, ends with '\n'
  // Whether a message now would be taken (rate and backlog); when no monitor would take it,
  // admit() tells each one it missed a message and the tap builds no text.
  virtual bool debug_ready() { return true; }
  virtual void debug_missed() {}
};

// A SIP message as CUBE's `debug ccsip messages` prints it:
//   *Dec  8 05:01:02.123 UTC: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:
//   Sent:
//   OPTIONS sip:192.0.2.10:5060 SIP/2.0
//   ...
// (CRLF printed as line ends, a blank line after the message). Pure: the caller passes the time.
std::string ccsip_display_msg(std::chrono::system_clock::time_point now, bool sent,
                              std::string_view message);

class DebugHub {
 public:
  // A tap's first question: this flag is on and someone watches.
  bool on(DebugFlag f) const { return (flags_ & static_cast<unsigned>(f)) && !monitors_.empty(); }
  // SIP tracing wanted for a target (host as configured, "host:port", resolved "ip:port").
  bool sip_wanted(std::string_view host, std::string_view host_port,
                  std::string_view address) const;

  void set(DebugFlag f, bool enabled);
  void set_sip_filter(std::string address) { sip_filter_ = std::move(address); }
  void clear_all();  // `undebug all`
  unsigned flags() const { return flags_; }

  void subscribe(DebugSubscriber* s);
  void unsubscribe(DebugSubscriber* s);
  bool monitoring(const DebugSubscriber* s) const;

  // The tap's last question before it builds the text: does any monitor take a message now?
  // False: each monitor counts one missed message (a flood costs no formatting).
  bool admit();
  void emit(std::string_view text);  // to every monitoring session
  std::uint64_t emitted() const { return emitted_; }

  // `show debugging`.
  std::string render() const;

 private:
  unsigned flags_ = 0;
  std::string sip_filter_;  // empty: every target
  std::vector<DebugSubscriber*> monitors_;
  std::uint64_t emitted_ = 0;
};

}  // namespace gw::daemon
