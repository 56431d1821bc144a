// SipKeepaliveService::reconfigure: live configuration changes and reload (see the header).
#include "services/sip_ua/sip_keepalive_service.hpp"

namespace gw::daemon {

void SipKeepaliveService::restart_target(std::string_view role,
                                         const std::optional<config::KeepaliveTarget>& kt) {
  for (auto it = targets_.begin(); it != targets_.end(); ++it) {
    if ((*it)->role != role) continue;
    (*it)->timer->cancel();
    (*it)->prober->cancel();  // no callback after cancel() (target_prober.hpp)
    targets_.erase(it);
    break;
  }
  if (!kt) return;
  auto t = make_target(role, *kt);
  Target* raw = t.get();
  // Primary first, as start() orders them (snapshots and busyout read them in this order).
  targets_.insert(role == kSipPrimary ? targets_.begin() : targets_.end(), std::move(t));
  begin(*raw, true);
}

void SipKeepaliveService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  ua_ = next.sip_ua;
  plan_ = plan_sip_ua(ua_, time_scale_);
  // Only the ports the diff names differ: the map is copied only when one does.
  std::map<config::VoicePortId, config::VoicePort> before;
  if (!diff.voice_ports.empty()) {
    before = std::move(voice_ports_);
    voice_ports_ = next.voice_ports;
  }
  if (!running_) return;
  if (diff.sip_primary) restart_target(kSipPrimary, target_of(plan_, kSipPrimary));
  if (diff.sip_secondary) restart_target(kSipSecondary, target_of(plan_, kSipSecondary));
  if (diff.sip_primary || diff.sip_secondary) update_busyout();
  if (!busyout_.busy()) return;
  // Every target is down: ports that start or stop monitoring keepalive change now.
  const auto monitored = [](const auto& ports, const config::VoicePortId& id) {
    const auto it = ports.find(id);
    return it != ports.end() && it->second.busyout_monitor_keepalive;
  };
  for (const auto& id : diff.voice_ports) {
    const bool old_busy = monitored(before, id);
    const bool new_busy = monitored(voice_ports_, id);
    if (old_busy != new_busy) log_port(id, new_busy);
  }
}

}  // namespace gw::daemon
