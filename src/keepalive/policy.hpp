// TargetPolicy: the configured keepalive numbers of one SIP target, nothing else.
// Contract: a plain value, set once per (re)configuration and copied into each TargetSession.
// Durations are already multiplied by --time-scale by the caller; this layer never scales.
// A default TargetPolicy holds the sip-ua defaults (settings.hpp) and RFC 3261's T1/T2.
// Per-target state lives in TargetSession, never here.
#pragma once
#include <chrono>

#include "base/time.hpp"
#include "keepalive/settings.hpp"
#include "sip/client_transaction.hpp"

namespace gw::keepalive {

struct TargetPolicy {
  // Between attempts while up / while down (`timers keepalive active N down M`).
  Duration active_interval = std::chrono::seconds(sip_ua::kTimersKeepaliveActive.default_value);
  Duration down_interval = std::chrono::seconds(sip_ua::kTimersKeepaliveDown.default_value);
  // Consecutive successes, while down, that bring the target up (`keepalive trigger`).
  int trigger = sip_ua::kKeepaliveTrigger.default_value;
  // Retransmissions of one OPTIONS before the attempt fails (`retry keepalive`).
  int retries = sip_ua::kRetryKeepalive.default_value;
  Duration t1 = sip::kDefaultT1;
  Duration t2 = sip::kDefaultT2;
};

}  // namespace gw::keepalive
