// SCCP wording: a GroupEvent as design.md's event and as an IOS-style log line, and the
// device type names of the SCCP show commands. Pure.
// `configured_keepalive_s` is the group's `keepalive timeout`: sccp.ccm.registered reports
// the RegisterAck's keepAliveInterval when non-zero, else that, in seconds, unscaled.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "report/event.hpp"
#include "report/ios_log.hpp"
#include "sccp/group_manager.hpp"

namespace gw::daemon {

// "ConferenceBridge", "MediaTerminationPoint", "MediaTerminationPointYoko" (tshark's names).
std::string_view device_type_name(std::uint32_t type);

Event sccp_event(const sccp::GroupEvent& event, int configured_keepalive_s);

// e.g. "%SCCP-5-CCM_DOWN: CCM group 1: CCM 1 (127.0.0.1:2000) is DOWN (keepalive)".
// `address_of` maps a CCM identifier to "host:port".
IosLogLine sccp_log_line(const sccp::GroupEvent& event, int configured_keepalive_s,
                         const std::function<std::string(std::uint32_t)>& address_of);

}  // namespace gw::daemon
