// sip-ua wording: the events (design.md, "Events") and IOS-style log lines of the SIP
// keepalive of the sip-ua targets and of the voice ports it busies out. Pure; nothing throws.
// - A target change: sip.target.down {target, address, transport, reason} /
//   sip.target.up {target, address, transport}, and
//   "%SIP-5-KEEPALIVE: Keepalive target <configured> <transport> is DOWN (<reason>)" / "... is UP".
// - A voice port: voice-port.busyout / voice-port.unbusy {port}, and
//   "%VOICE-5-BUSYOUT: voice-port <port> busied out (keepalive)" / "... no longer busied out".
// - With a debug logger, one "%SIP-7-KEEPALIVE_ATTEMPT: ..." line per finished attempt; an
//   internal error of the service is "%SIP-3-KEEPALIVE: internal error: <message>".
// <configured> is config::configured_text(); address is the probed "ip:port" (IPv6 in brackets).
#pragma once
#include <string>
#include <string_view>

#include "base/transport.hpp"
#include "config/model.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/target_session.hpp"
#include "report/event.hpp"
#include "report/ios_log.hpp"

namespace gw::daemon {

// A sip-ua target that went down or up.
struct SipTargetChange {
  std::string role;                // "primary" | "secondary" (the event's `target`)
  config::KeepaliveTarget target;  // as configured
  std::string address;             // the probed "ip:port"
  bool up = false;
  keepalive::FailureReason reason = keepalive::FailureReason::timeout;  // when !up
};

Event sip_target_event(const SipTargetChange& change);
IosLogLine sip_target_log_line(const SipTargetChange& change);

// `busy`: busied out (every target down); else no longer busied out.
Event voice_port_event(const config::VoicePortId& port, bool busy);
IosLogLine voice_port_log_line(const config::VoicePortId& port, bool busy);

// "%SIP-7-KEEPALIVE_ATTEMPT: target primary 127.0.0.1:5060 udp ok status 200 rtt 1234 us
// state up successes 1": the result ("ok" or the failure reason), the final status (0: none),
// the RTT in microseconds (-1: none), then the session's state and consecutive successes
// after the result.
IosLogLine sip_attempt_log_line(std::string_view role, std::string_view address,
                                Transport transport, const keepalive::AttemptOutcome& outcome,
                                keepalive::TargetState state, int consecutive_successes);

IosLogLine sip_internal_error_log_line(std::string_view message);

}  // namespace gw::daemon
