// TargetPolicy: the configured keepalive numbers of one SIP target, nothing else.
// Contract: a plain value, set once per (re)configuration and copied into each TargetSession.
// Durations are already multiplied by --time-scale by the caller; this layer never scales.
// Defaults are the IOS defaults (reference/ios-keepalive.md): timers keepalive active 120
// down 30, keepalive trigger 3, retry keepalive 6, RFC 3261 T1/T2. Per-target state lives in
// TargetSession, never here.
#pragma once
#include <chrono>

#include "base/time.hpp"

namespace gw::keepalive {

struct TargetPolicy {
  Duration active_interval = std::chrono::seconds(120);  // between attempts while up
  Duration down_interval = std::chrono::seconds(30);     // between attempts while down
  int trigger = 3;  // consecutive successes, while down, that bring the target up (1-10)
  int retries = 6;  // retransmissions of one OPTIONS before the attempt fails (1-10)
  Duration t1 = std::chrono::milliseconds(500);
  Duration t2 = std::chrono::seconds(4);
};

}  // namespace gw::keepalive
