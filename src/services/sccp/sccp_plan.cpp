// SCCP planning: see sccp_plan.hpp.
// g++ 12 false -Wmaybe-uninitialized on variants holding strings (see sccp/ccm_session.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "services/sccp/sccp_plan.hpp"

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
  p.switchover = g.switchover;  // one enum for config and sccp (sccp/switch_methods.hpp)
  p.switchback = g.switchback;
  p.switchback_guard = secs(g.switchback_guard, scale);
  p.switchback_interval = secs(g.switchback_interval, scale);
  p.time_scale = scale;
  return p;
}

}  // namespace

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

}  // namespace gw::daemon
