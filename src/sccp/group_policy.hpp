// The settings of one `sccp ccm group`: policy (numbers set once by configuration), the
// CallManagers and the devices to register. Plain data; validation of ranges is done by the
// config layer (ranges in settings.hpp). Durations arrive already scaled by
// --time-scale; time_scale itself is kept to scale intervals received from a CallManager.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.hpp"
#include "sccp/ccm_session.hpp"
#include "sccp/settings.hpp"
#include "sccp/switch_methods.hpp"

namespace gw::sccp {

// Defined once in switch_methods.hpp, in namespace gw (the config layer uses them too).
using gw::SwitchbackMethod;
using gw::SwitchoverMethod;

// A default GroupPolicy holds the IOS defaults (settings.hpp), unscaled.
struct GroupPolicy {
  unsigned keepalive_retries = ccm_group::kKeepaliveRetries.default_value;
  Duration keepalive_timeout = seconds(ccm_group::kKeepaliveTimeout.default_value);
  unsigned connect_retries = ccm_group::kConnectRetries.default_value;
  Duration connect_interval = seconds(ccm_group::kConnectInterval.default_value);
  unsigned registration_retries = ccm_group::kRegistrationRetries.default_value;
  Duration registration_timeout = seconds(ccm_group::kRegistrationTimeout.default_value);
  SwitchoverMethod switchover = ccm_group::kSwitchoverMethod;
  SwitchbackMethod switchback = ccm_group::kSwitchbackMethod;
  Duration switchback_guard = seconds(ccm_group::kSwitchbackGuard.default_value);
  Duration switchback_interval = seconds(ccm_group::kSwitchbackInterval.default_value);
  double time_scale = 1.0;
};

struct CcmConfig {
  std::uint32_t identifier = 0;  // ccm::kIdentifier
  std::string host;              // IPv4 address or DNS name, resolved by the net layer
  std::uint16_t port = ccm::kPort.default_value;
  unsigned priority = 1;  // ccm::kPriority: 1 = highest
};

struct GroupConfig {
  unsigned group = 1;  // ccm_group::kGroupNumber
  GroupPolicy policy;
  std::vector<CcmConfig> ccms;  // any order; ordered by priority, then as given
  std::vector<Device> devices;  // registered on the active CCM, in this order
  std::uint32_t local_ip = 0;   // Register's ip field, network byte order
};

}  // namespace gw::sccp
