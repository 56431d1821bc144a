// The numbers of the Kamailio commands (gatewatch extension, design.md "Acting on the
// verdicts: Kamailio's dispatcher"): each command's default and the range it accepts, defined
// here and nowhere else. The config layer builds its grammar ranges and model defaults from
// them. Plain constexpr data.
#pragma once
#include <cstddef>

#include "base/number_setting.hpp"

namespace gw::kamailio {

// `kamailio resync <1-3600>`: seconds between dispatcher.list reads (real seconds).
inline constexpr NumberSetting kResync{10, 1, 3600};
// `kamailio dispatcher set <1-2147483647>`: the dispatcher set id (no default: required).
inline constexpr NumberSetting kDispatcherSet{0, 1, 2147483647};
// `kamailio dispatcher set N uri SIP-URI`: the longest URI accepted.
inline constexpr std::size_t kMaxUriLength = 255;

}  // namespace gw::kamailio
