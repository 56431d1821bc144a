// SCCP planning and wording: see sccp_plan.hpp.
// g++ 12 false -Wmaybe-uninitialized on variants holding strings (see sccp/ccm_session.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "daemon/sccp_plan.hpp"

#include <fmt/format.h>

#include <chrono>
#include <type_traits>

namespace gw::daemon {

namespace {

Duration secs(int s, double scale) {
  return scaled(seconds(s), scale);
}

sccp::GroupPolicy policy_of(const config::CcmGroup& g, double scale) {
  sccp::GroupPolicy p;
  p.keepalive_retries = static_cast<unsigned>(g.keepalive_retries);
  p.keepalive_timeout = secs(g.keepalive_timeout, scale);
  p.connect_retries = static_cast<unsigned>(g.connect_retries);
  p.connect_interval = secs(g.connect_interval, scale);
  p.registration_retries = static_cast<unsigned>(g.registration_retries);
  p.registration_timeout = secs(g.registration_timeout, scale);
  p.switchover = g.switchover;  // one enum for config and sccp (base/sccp_methods.hpp)
  p.switchback = g.switchback;
  p.switchback_guard = secs(g.switchback_guard, scale);
  p.switchback_interval = secs(g.switchback_interval, scale);
  p.time_scale = scale;
  return p;
}

}  // namespace

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

SccpPlan plan_sccp(const config::Config& config, double time_scale, const Ipv4Lookup& lookup_ipv4) {
  SccpPlan plan;
  if (!config.sccp_enabled) return plan;
  for (const auto& [number, group] : config.ccm_groups) {
    sccp::GroupConfig gc;
    gc.group = static_cast<unsigned>(number);
    gc.policy = policy_of(group, time_scale);
    std::map<int, int> by_priority = group.ccm_by_priority;
    if (by_priority.empty()) {  // older IOS form: the priority sits on the `sccp ccm` line
      for (const auto& [id, ccm] : config.sccp_ccms)
        if (ccm.priority) by_priority.emplace(*ccm.priority, id);
    }
    for (const auto& [priority, id] : by_priority) {
      auto it = config.sccp_ccms.find(id);
      if (it == config.sccp_ccms.end()) {
        plan.notes.push_back(fmt::format(
            "CCM group {}: associate ccm {} priority {} names no `sccp ccm` line, skipped", number,
            id, priority));
        continue;
      }
      gc.ccms.push_back(sccp::CcmConfig{static_cast<std::uint32_t>(id), it->second.address,
                                        static_cast<std::uint16_t>(it->second.effective_port()),
                                        static_cast<unsigned>(priority)});
    }
    std::vector<SccpDeviceSnapshot> devices;
    for (const auto& reg : group.profiles) {
      auto it = config.dspfarm_profiles.find(reg.profile);
      if (it == config.dspfarm_profiles.end()) {
        plan.notes.push_back(
            fmt::format("CCM group {}: profile {} ({}) not registered: no `dspfarm profile {}`",
                        number, reg.profile, reg.device_name, reg.profile));
        continue;
      }
      if (it->second.shutdown) {
        plan.notes.push_back(fmt::format(
            "CCM group {}: profile {} ({}) not registered: dspfarm profile {} is shut down", number,
            reg.profile, reg.device_name, reg.profile));
        continue;
      }
      const auto type = static_cast<std::uint32_t>(config::device_type(it->second.kind));
      const int streams = it->second.maximum_sessions.value_or(0);
      gc.devices.push_back(
          sccp::Device{reg.device_name, type, static_cast<std::uint32_t>(streams)});
      devices.push_back(SccpDeviceSnapshot{gc.group, reg.profile, reg.device_name, it->second.kind,
                                           type, streams});
    }
    if (gc.ccms.empty()) {
      plan.notes.push_back(
          fmt::format("CCM group {}: no CallManager to connect to, skipped", number));
      continue;
    }
    const std::string& iface =
        group.bind_interface.empty() ? config.sccp_local : group.bind_interface;
    if (!iface.empty() && lookup_ipv4) {
      if (auto ip = lookup_ipv4(iface)) {
        gc.local_ip = *ip;
      } else {
        plan.notes.push_back(fmt::format("CCM group {}: {}; Register carries ip 0.0.0.0", number,
                                         ip.error().message));
      }
    }
    plan.devices.insert(plan.devices.end(), devices.begin(), devices.end());
    plan.groups.push_back(std::move(gc));
  }
  return plan;
}

config::Config sccp_part(const config::Config& config) {
  config::Config part;
  part.sccp_enabled = config.sccp_enabled;
  part.sccp_local = config.sccp_local;
  part.sccp_ccms = config.sccp_ccms;
  part.ccm_groups = config.ccm_groups;
  part.dspfarm_profiles = config.dspfarm_profiles;
  return part;
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

SccpLogLine sccp_log_line(const sccp::GroupEvent& event, int configured_keepalive_s,
                          const std::function<std::string(std::uint32_t)>& address_of) {
  namespace ge = sccp::group_event;
  auto ccm = [&](std::uint32_t id) { return fmt::format("CCM {} ({})", id, address_of(id)); };
  return std::visit(
      [&](const auto& e) -> SccpLogLine {
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

}  // namespace gw::daemon
