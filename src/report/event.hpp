// Event: one line of the `--events` stream (design.md, "Events"), and its JSON text.
// Contract: an Event is a name plus ordered fields; format_event_line() renders
// {"ts":"<RFC 3339 UTC, ms>","event":"<name>",<fields in order>} followed by '\n'. Field
// values are strings or integers. Pure functions; nothing throws on any input (strings that are
// not valid UTF-8 are replaced, never rejected).
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gw::daemon {

using WallClock = std::chrono::system_clock;

struct Event {
  using Value = std::variant<std::string, std::int64_t>;
  std::string name;
  std::vector<std::pair<std::string, Value>> fields;

  Event& with(std::string key, std::string value) {
    fields.emplace_back(std::move(key), Value(std::move(value)));
    return *this;
  }
  Event& with(std::string key, std::int64_t value) {
    fields.emplace_back(std::move(key), Value(value));
    return *this;
  }
};

// "2026-11-29T23:59:01.123Z": UTC, milliseconds, truncated (never rounded up).
std::string rfc3339_ms(WallClock::time_point t);

std::string format_event_line(const Event& event, WallClock::time_point ts);

// Event names of design.md (the SIP keepalive subset).
namespace names {
inline constexpr const char* kSipTargetDown = "sip.target.down";
inline constexpr const char* kSipTargetUp = "sip.target.up";
inline constexpr const char* kVoicePortBusyout = "voice-port.busyout";
inline constexpr const char* kVoicePortUnbusy = "voice-port.unbusy";
// SCCP (design.md): every SCCP event carries `group` and `ccm` (identifiers, integers).
inline constexpr const char* kSccpCcmConnected = "sccp.ccm.connected";
inline constexpr const char* kSccpCcmRegistered = "sccp.ccm.registered";
inline constexpr const char* kSccpCcmDown = "sccp.ccm.down";
inline constexpr const char* kSccpSwitchover = "sccp.switchover";
inline constexpr const char* kSccpSwitchback = "sccp.switchback";
// Dial-peer OPTIONS keepalive (design.md): `dial_peer` (the tag), `address`, `transport`, and
// `reason` on down.
inline constexpr const char* kDialPeerDown = "dial-peer.down";
inline constexpr const char* kDialPeerUp = "dial-peer.up";
// CUBE server groups (design.md): `group`, `address`, `transport`, `reason` on down.
inline constexpr const char* kServerGroupMemberDown = "server-group.member.down";
inline constexpr const char* kServerGroupMemberUp = "server-group.member.up";
// Kamailio's dispatcher driven by dial-peer verdicts (design.md, gatewatch extension).
inline constexpr const char* kKamailioDispatcherSet = "kamailio.dispatcher.set";
inline constexpr const char* kKamailioRpcDown = "kamailio.rpc.down";
inline constexpr const char* kKamailioRpcUp = "kamailio.rpc.up";
}  // namespace names

}  // namespace gw::daemon
