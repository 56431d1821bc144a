// The numbers of the IOS commands that configure SIP OPTIONS keepalive: each command's default
// and the range it accepts, defined here and nowhere else (reference/ios-keepalive.md).
// - sip_ua: `sip-ua` mode (keepalive trigger, timers keepalive, retry keepalive, keepalive
//   target's transport); TargetPolicy default-initialises from these.
// - options_keepalive: `voice class sip-options-keepalive <tag>` mode and the dial-peer's
//   inline `voice-class sip options-keepalive` form (CUBE).
// The config layer builds its grammar ranges (`<1-10>`) and model defaults from these
// constants. Plain constexpr data; nothing here validates or scales (seconds are unscaled).
#pragma once
#include "base/number_setting.hpp"
#include "base/transport.hpp"

namespace gw::keepalive {

namespace sip_ua {
// `keepalive trigger <1-10>`: consecutive successes, while down, that bring a target up.
inline constexpr NumberSetting kKeepaliveTrigger{3, 1, 10};
// `timers keepalive active <10-600> down <1-120>`: seconds between attempts while up / down.
inline constexpr NumberSetting kTimersKeepaliveActive{120, 10, 600};
inline constexpr NumberSetting kTimersKeepaliveDown{30, 1, 120};
// `retry keepalive <1-10>`: retransmissions of one OPTIONS before the attempt fails.
inline constexpr NumberSetting kRetryKeepalive{6, 1, 10};
// `keepalive target ... [tcp [tls] | udp]`: the transport when none is given. The port when
// none is given is RFC 3261's for the transport (default_sip_port(), base/transport.hpp).
inline constexpr Transport kKeepaliveTargetTransport = Transport::udp;
}  // namespace sip_ua

namespace options_keepalive {
// `up-interval <5-1200>` / `down-interval <5-1200>`: seconds between attempts while up / down.
inline constexpr NumberSetting kUpInterval{60, 5, 1200};
inline constexpr NumberSetting kDownInterval{30, 5, 1200};
// `retry <1-10>`: retransmissions per attempt.
inline constexpr NumberSetting kRetry{5, 1, 10};
// `transport {udp | tcp [tls]}`.
inline constexpr Transport kTransport = Transport::udp;
// `voice class sip-options-keepalive <1-10000>` (also `sip-profiles <1-10000>` and the
// dial-peer's `voice-class sip options-keepalive profile <1-10000>`): a tag, no default.
inline constexpr NumberSetting kProfileTag{0, 1, 10000};
// `dial-peer voice <1-2147483647> voip`: a tag, no default.
inline constexpr NumberSetting kDialPeerTag{0, 1, 2147483647};
}  // namespace options_keepalive

}  // namespace gw::keepalive
