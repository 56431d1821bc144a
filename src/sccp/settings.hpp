// The numbers of the IOS SCCP commands: each command's default and the range it accepts,
// defined here and nowhere else (reference/ios-keepalive.md, "SCCP").
// - ccm: the global `sccp ccm {addr} identifier <id> [priority <p>] [port <n>] version V` line
//   (identifier and priority also in `associate ccm <id> priority <p>`).
// - ccm_group: `sccp ccm group <1-50>` and its sub-commands. `keepalive timeout` keeps that
//   name through config::CcmGroup, GroupPolicy and SessionConfig.
// - dspfarm: `dspfarm profile <id>` (the device a group registers with `associate profile`).
// The config layer builds its grammar ranges (`<1-32>`) and model defaults from these
// constants; GroupPolicy, SessionConfig and CcmConfig default-initialise from them. Plain
// constexpr data; nothing here validates or scales (seconds are unscaled).
#pragma once
#include "base/number_setting.hpp"
#include "sccp/switch_methods.hpp"

namespace gw::sccp {

// An inclusive range the grammar accepts (`<min-max>`), for arguments without a default.
struct NumberRange {
  int min;
  int max;
};

namespace ccm {
inline constexpr NumberRange kIdentifier{1, 65535};       // identifier <1-65535>
inline constexpr NumberRange kPriority{1, 4};             // priority <1-4>, 1 = highest
inline constexpr NumberSetting kPort{2000, 1025, 65535};  // port <1025-65535>, TCP
}  // namespace ccm

namespace ccm_group {
inline constexpr NumberRange kGroupNumber{1, 50};  // sccp ccm group <1-50>
// `keepalive retries <1-32>`: KeepAlives unacknowledged before the CCM is down.
inline constexpr NumberSetting kKeepaliveRetries{3, 1, 32};
// `keepalive timeout <1-180>`: seconds between KeepAlives until a RegisterAck says otherwise.
inline constexpr NumberSetting kKeepaliveTimeout{30, 1, 180};
// `connect retries <1-32>` / `connect interval <1-3600>` (seconds).
inline constexpr NumberSetting kConnectRetries{3, 1, 32};
inline constexpr NumberSetting kConnectInterval{60, 1, 3600};
// `registration retries <1-32>` / `registration timeout <1-180>` (seconds).
inline constexpr NumberSetting kRegistrationRetries{3, 1, 32};
inline constexpr NumberSetting kRegistrationTimeout{3, 1, 180};
// `switchover method {graceful | immediate}`.
inline constexpr SwitchoverMethod kSwitchoverMethod = SwitchoverMethod::graceful;
// `switchback method {graceful | guard [<60-172800>] | immediate | uptime}` (guard: seconds).
inline constexpr SwitchbackMethod kSwitchbackMethod = SwitchbackMethod::guard;
inline constexpr NumberSetting kSwitchbackGuard{7200, 60, 172800};
// `switchback interval <1-3600>` (seconds).
inline constexpr NumberSetting kSwitchbackInterval{60, 1, 3600};
}  // namespace ccm_group

namespace dspfarm {
inline constexpr NumberRange kProfileId{1, 65535};      // dspfarm profile <1-65535>
inline constexpr NumberRange kMaximumSessions{1, 128};  // maximum sessions <1-128>; unset: 0
}  // namespace dspfarm

}  // namespace gw::sccp
