// SCCP wording: a GroupEvent as design.md's event and as an IOS-style log line, the log lines
// of the SCCP service itself (planner notes, `sccp` admin state, group runners started and
// stopped), and the device type names of the SCCP show commands. Pure.
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

// Severity 4, a planner note (sccp_plan.hpp): "%SCCP-4-CONFIG: <note>".
IosLogLine sccp_note_log_line(std::string_view note);

// Severity 5, at start with `no sccp` and CCM groups configured: "%SCCP-5-ADMIN: SCCP is
// disabled (no sccp): CCM groups are not started".
IosLogLine sccp_disabled_at_start_log_line();

// Severity 5, a live change of `sccp` / `no sccp`: "%SCCP-5-ADMIN: SCCP is enabled (sccp): CCM
// groups start" or "%SCCP-5-ADMIN: SCCP is disabled (no sccp): CCM groups stop".
IosLogLine sccp_admin_change_log_line(bool enabled);

// Severity 6, a group's runner started: "%SCCP-6-GROUP: CCM group 1 started: 2 CallManager(s),
// 3 device(s)" ("restarted" when the group ran before a live change).
IosLogLine sccp_group_started_log_line(const sccp::GroupConfig& group, bool restarted);

// Why a group's runner stopped and none replaced it.
enum class SccpGroupStop {
  removed,       // gone from the configuration
  disabled,      // `no sccp`
  not_runnable,  // the planner skipped it (its %SCCP-4-CONFIG note says why)
};

// Severity 6: "%SCCP-6-GROUP: CCM group 2 removed", "... stopped (no sccp)" or "... stopped
// (not runnable, see %SCCP-4-CONFIG)".
IosLogLine sccp_group_stopped_log_line(unsigned group, SccpGroupStop why);

}  // namespace gw::daemon
