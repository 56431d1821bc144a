// The settings of one `sccp ccm group`: policy (numbers set once by configuration), the
// CallManagers and the devices to register. Plain data; validation of ranges is done by the
// config layer (ranges in reference/ios-keepalive.md). Durations arrive already scaled by
// --time-scale; time_scale itself is kept to scale intervals received from a CallManager.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.hpp"
#include "sccp/ccm_session.hpp"
#include "sccp/switch_methods.hpp"

namespace gw::sccp {

// Defined once in base (shared with the config layer).
using gw::SwitchbackMethod;
using gw::SwitchoverMethod;

// IOS defaults (sccp ccm group command reference).
struct GroupPolicy {
  unsigned keepalive_retries = 3;              // keepalive retries <1-32>
  Duration keepalive_timeout = seconds(30);    // keepalive timeout <1-180>
  unsigned connect_retries = 3;                // connect retries <1-32>
  Duration connect_interval = seconds(60);     // connect interval <1-3600>
  unsigned registration_retries = 3;           // registration retries <1-32>
  Duration registration_timeout = seconds(3);  // registration timeout <1-180>
  SwitchoverMethod switchover = SwitchoverMethod::graceful;
  SwitchbackMethod switchback = SwitchbackMethod::guard;
  Duration switchback_guard = seconds(7200);   // guard <60-172800>
  Duration switchback_interval = seconds(60);  // switchback interval <1-3600>
  double time_scale = 1.0;
};

struct CcmConfig {
  std::uint32_t identifier = 0;  // identifier <1-65535>
  std::string host;              // IPv4 address or DNS name, resolved by the net layer
  std::uint16_t port = 2000;
  unsigned priority = 1;  // 1 = highest … 4
};

struct GroupConfig {
  unsigned group = 1;  // sccp ccm group <1-50>
  GroupPolicy policy;
  std::vector<CcmConfig> ccms;  // any order; ordered by priority, then as given
  std::vector<Device> devices;  // registered on the active CCM, in this order
  std::uint32_t local_ip = 0;   // Register's ip field, network byte order
};

}  // namespace gw::sccp
