// SipKeepaliveService::reconfigure: live configuration changes and reload (see the header).
#include <fmt/format.h>

#include "daemon/sip_keepalive_service.hpp"

namespace gw::daemon {

void SipKeepaliveService::restart_target(const char* role, const std::optional<config::KeepaliveTarget>& kt) {
  for (auto it = targets_.begin(); it != targets_.end(); ++it) {
    if ((*it)->role != role) continue;
    (*it)->timer->cancel();
    (*it)->prober->cancel();  // no callback after cancel() (target_prober.hpp)
    targets_.erase(it);
    break;
  }
  if (!kt) return;
  auto t = std::make_unique<Target>();
  t->role = role;
  t->config = *kt;
  t->session.set_policy(policy_);
  t->prober = factory_(*kt);
  t->timer = std::make_unique<asio::steady_timer>(io_);
  Target* raw = t.get();
  // Primary first, as start() orders them (snapshots and busyout read them in this order).
  const bool primary = std::string_view(role) == "primary";
  targets_.insert(primary ? targets_.begin() : targets_.end(), std::move(t));
  begin(*raw, true);
}

void SipKeepaliveService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  const config::Config before = config_;
  config_ = next;
  policy_ = sip_policy(next.sip_ua, time_scale_);
  if (!running_) return;
  if (diff.sip_primary) restart_target("primary", next.sip_ua.primary);
  if (diff.sip_secondary) restart_target("secondary", next.sip_ua.secondary);
  if (diff.sip_primary || diff.sip_secondary) update_busyout();
  if (!busyout_.busy()) return;
  // Every target is down: ports that start or stop monitoring keepalive change now.
  for (const auto& id : diff.voice_ports) {
    const auto was = before.voice_ports.find(id);
    const auto now = next.voice_ports.find(id);
    const bool old_busy = was != before.voice_ports.end() && was->second.busyout_monitor_keepalive;
    const bool new_busy = now != next.voice_ports.end() && now->second.busyout_monitor_keepalive;
    if (old_busy == new_busy) continue;
    const std::string name = id.text();
    sink_.emit(Event{new_busy ? names::kVoicePortBusyout : names::kVoicePortUnbusy, {}}.with("port", name));
    logger_.log(5, new_busy ? fmt::format("%VOICE-5-BUSYOUT: voice-port {} busied out (keepalive)", name)
                            : fmt::format("%VOICE-5-BUSYOUT: voice-port {} no longer busied out", name));
  }
}

}  // namespace gw::daemon
