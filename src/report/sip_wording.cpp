// sip-ua wording: see sip_wording.hpp.
#include "report/sip_wording.hpp"

#include <fmt/format.h>

#include <chrono>

namespace gw::daemon {

Event sip_target_event(const SipTargetChange& c) {
  Event e{c.up ? names::kSipTargetUp : names::kSipTargetDown, {}};
  e.with("target", c.role)
      .with("address", c.address)
      .with("transport", std::string(to_string(c.target.transport)));
  if (!c.up) e.with("reason", std::string(keepalive::to_string(c.reason)));
  return e;
}

IosLogLine sip_target_log_line(const SipTargetChange& c) {
  const std::string configured = config::configured_text(c.target);
  const std::string_view transport = to_string(c.target.transport);
  if (c.up)
    return {5,
            fmt::format("%SIP-5-KEEPALIVE: Keepalive target {} {} is UP", configured, transport)};
  return {5, fmt::format("%SIP-5-KEEPALIVE: Keepalive target {} {} is DOWN ({})", configured,
                         transport, keepalive::to_string(c.reason))};
}

Event voice_port_event(const config::VoicePortId& port, bool busy) {
  return Event{busy ? names::kVoicePortBusyout : names::kVoicePortUnbusy, {}}.with("port",
                                                                                   port.text());
}

IosLogLine voice_port_log_line(const config::VoicePortId& port, bool busy) {
  return {5,
          busy ? fmt::format("%VOICE-5-BUSYOUT: voice-port {} busied out (keepalive)", port.text())
               : fmt::format("%VOICE-5-BUSYOUT: voice-port {} no longer busied out", port.text())};
}

IosLogLine sip_attempt_log_line(std::string_view role, std::string_view address,
                                Transport transport, const keepalive::AttemptOutcome& outcome,
                                keepalive::TargetState state, int consecutive_successes) {
  const long long rtt_us =
      outcome.rtt ? std::chrono::duration_cast<std::chrono::microseconds>(*outcome.rtt).count()
                  : -1;
  return {7, fmt::format(
                 "%SIP-7-KEEPALIVE_ATTEMPT: target {} {} {} {} status {} rtt {} us "
                 "state {} successes {}",
                 role, address, to_string(transport),
                 outcome.success ? std::string_view("ok") : keepalive::to_string(outcome.reason),
                 outcome.status, rtt_us, keepalive::to_string(state), consecutive_successes)};
}

IosLogLine sip_internal_error_log_line(std::string_view message) {
  return {3, "%SIP-3-KEEPALIVE: internal error: " + std::string(message)};
}

}  // namespace gw::daemon
