// The `debug ccsip messages` tap of one SIP target, and the configured "host:port" it filters
// on. debug_sip_message() is one flag test while no console session monitors SIP messages;
// otherwise it builds the target's configured and last resolved ("ip:port", when `resolved`
// is not null) addresses, and a message the session's `address` filter wants goes to the hub
// in CUBE's ccsipDisplayMsg form.
#pragma once
#include <chrono>
#include <string>
#include <string_view>

#include "live/debug_hub.hpp"
#include "net/sip_prober.hpp"
#include "sip/options_request.hpp"

namespace gw::net {

// "host:port" as configured, with the transport's default port when none is set.
inline std::string configured_sip_address(const SipProbeTarget& t) {
  return sip::host_port(
      t.host, t.port ? *t.port : static_cast<std::uint16_t>(default_sip_port(t.transport)));
}

inline void debug_sip_message(daemon::DebugHub* hub, const SipProbeTarget& target,
                              const asio::ip::address* resolved, std::uint16_t port, bool sent,
                              std::string_view message) {
  if (!hub || !hub->on(daemon::DebugFlag::ccsip_messages)) return;
  const std::string last = resolved ? endpoint_text(*resolved, port) : std::string();
  if (!hub->sip_wanted(target.host, configured_sip_address(target), last) || !hub->admit()) return;
  hub->emit(daemon::ccsip_display_msg(std::chrono::system_clock::now(), sent, message));
}

}  // namespace gw::net
