// sip-ua planning: the pure part of the SIP keepalive service (its wording:
// report/sip_wording.hpp). Maps the `sip-ua` configuration to what the service runs:
// - targets: `keepalive target ...` (role "primary") then `keepalive target ... secondary`
//   (role "secondary"); a role that is not configured is absent.
// - policy (sip_policy): `timers keepalive active N down M` → active / down interval,
//   `keepalive trigger` → trigger, `retry keepalive` → retries, RFC 3261's T1 and T2; every
//   duration multiplied by time_scale. Every target of a plan shares this policy.
// Contract: pure functions, no I/O; the result owns its data (it does not refer to `ua`).
#pragma once
#include <optional>
#include <string_view>
#include <vector>

#include "config/model.hpp"
#include "keepalive/policy.hpp"

namespace gw::daemon {

// The `target` field of sip.target.* events and the role column of `show sip-ua keepalive`.
inline constexpr std::string_view kSipPrimary = "primary";
inline constexpr std::string_view kSipSecondary = "secondary";

struct SipUaTarget {
  std::string_view role;  // kSipPrimary or kSipSecondary
  config::KeepaliveTarget target;
};

struct SipUaPlan {
  keepalive::TargetPolicy policy;    // scaled
  std::vector<SipUaTarget> targets;  // primary first
};

SipUaPlan plan_sip_ua(const config::SipUa& ua, double time_scale);

keepalive::TargetPolicy sip_policy(const config::SipUa& ua, double time_scale);

// The target `plan` has for `role`, or nullopt when that role is not configured.
std::optional<config::KeepaliveTarget> target_of(const SipUaPlan& plan, std::string_view role);

}  // namespace gw::daemon
