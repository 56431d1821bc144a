// SCCP wording: see sccp_wording.hpp.
// g++ 12 false -Wmaybe-uninitialized on variants holding strings (see sccp/ccm_session.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "report/sccp_wording.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace gw::daemon {

std::string_view device_type_name(std::uint32_t type) {
  switch (type) {
    case sccp::kDeviceTypeConference:
      return "ConferenceBridge";
    case sccp::kDeviceTypeMtp:
      return "MediaTerminationPoint";
    case sccp::kDeviceTypeTranscode:
      return "MediaTerminationPointYoko";
  }
  return "Unknown";
}

Event sccp_event(const sccp::GroupEvent& event, int configured_keepalive_s) {
  namespace ge = sccp::group_event;
  return std::visit(
      [&](const auto& e) -> Event {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, ge::Connected>) {
          return Event{names::kSccpCcmConnected, {}}
              .with("group", std::int64_t{e.group})
              .with("ccm", std::int64_t{e.ccm});
        } else if constexpr (std::is_same_v<E, ge::Registered>) {
          const std::int64_t interval =
              e.received_interval_s != 0 ? e.received_interval_s : configured_keepalive_s;
          return Event{names::kSccpCcmRegistered, {}}
              .with("group", std::int64_t{e.group})
              .with("ccm", std::int64_t{e.ccm})
              .with("device", e.device)
              .with("keepalive_interval", interval);
        } else if constexpr (std::is_same_v<E, ge::Down>) {
          return Event{names::kSccpCcmDown, {}}
              .with("group", std::int64_t{e.group})
              .with("ccm", std::int64_t{e.ccm})
              .with("reason", std::string(sccp::to_string(e.reason)));
        } else {
          // Switchover / switchback: `ccm` is the CCM that becomes active.
          constexpr bool over = std::is_same_v<E, ge::Switchover>;
          return Event{over ? names::kSccpSwitchover : names::kSccpSwitchback, {}}
              .with("group", std::int64_t{e.group})
              .with("ccm", std::int64_t{e.to})
              .with("from", std::int64_t{e.from})
              .with("to", std::int64_t{e.to});
        }
      },
      event);
}

IosLogLine sccp_log_line(const sccp::GroupEvent& event, int configured_keepalive_s,
                         const std::function<std::string(std::uint32_t)>& address_of) {
  namespace ge = sccp::group_event;
  auto ccm = [&](std::uint32_t id) { return fmt::format("CCM {} ({})", id, address_of(id)); };
  return std::visit(
      [&](const auto& e) -> IosLogLine {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, ge::Connected>) {
          return {6, fmt::format("%SCCP-6-CCM_CONNECTED: CCM group {}: {} TCP link is UP", e.group,
                                 ccm(e.ccm))};
        } else if constexpr (std::is_same_v<E, ge::Registered>) {
          const int interval = e.received_interval_s != 0 ? static_cast<int>(e.received_interval_s)
                                                          : configured_keepalive_s;
          return {5, fmt::format("%SCCP-5-REGISTERED: CCM group {}: device {} registered with {}, "
                                 "keepalive {} s ({})",
                                 e.group, e.device, ccm(e.ccm), interval,
                                 e.received_interval_s != 0 ? "from RegisterAck" : "configured")};
        } else if constexpr (std::is_same_v<E, ge::Down>) {
          return {5, fmt::format("%SCCP-5-CCM_DOWN: CCM group {}: {} is DOWN ({})", e.group,
                                 ccm(e.ccm), sccp::to_string(e.reason))};
        } else if constexpr (std::is_same_v<E, ge::Switchover>) {
          return {5, fmt::format("%SCCP-5-SWITCHOVER: CCM group {}: switchover from CCM {} to {}",
                                 e.group, e.from, ccm(e.to))};
        } else {
          return {5, fmt::format("%SCCP-5-SWITCHBACK: CCM group {}: switchback from CCM {} to {}",
                                 e.group, e.from, ccm(e.to))};
        }
      },
      event);
}

IosLogLine sccp_note_log_line(std::string_view note) {
  return {4, fmt::format("%SCCP-4-CONFIG: {}", note)};
}

IosLogLine sccp_disabled_at_start_log_line() {
  return {5, "%SCCP-5-ADMIN: SCCP is disabled (no sccp): CCM groups are not started"};
}

IosLogLine sccp_admin_change_log_line(bool enabled) {
  return {5, enabled ? "%SCCP-5-ADMIN: SCCP is enabled (sccp): CCM groups start"
                     : "%SCCP-5-ADMIN: SCCP is disabled (no sccp): CCM groups stop"};
}

IosLogLine sccp_group_started_log_line(const sccp::GroupConfig& group, bool restarted) {
  return {
      6, fmt::format("%SCCP-6-GROUP: CCM group {} {}: {} CallManager(s), {} device(s)", group.group,
                     restarted ? "restarted" : "started", group.ccms.size(), group.devices.size())};
}

IosLogLine sccp_group_stopped_log_line(unsigned group, SccpGroupStop why) {
  switch (why) {
    case SccpGroupStop::removed:
      return {6, fmt::format("%SCCP-6-GROUP: CCM group {} removed", group)};
    case SccpGroupStop::disabled:
      return {6, fmt::format("%SCCP-6-GROUP: CCM group {} stopped (no sccp)", group)};
    case SccpGroupStop::not_runnable:
      break;
  }
  return {6, fmt::format("%SCCP-6-GROUP: CCM group {} stopped (not runnable, see %SCCP-4-CONFIG)",
                         group)};
}

}  // namespace gw::daemon
