// sip-ua planning: see sip_ua_plan.hpp.
#include "services/sip_ua/sip_ua_plan.hpp"

#include "sip/client_transaction.hpp"

namespace gw::daemon {

keepalive::TargetPolicy sip_policy(const config::SipUa& ua, double scale) {
  keepalive::TargetPolicy p;
  p.active_interval = scaled(std::chrono::seconds(ua.timers_active), scale);
  p.down_interval = scaled(std::chrono::seconds(ua.timers_down), scale);
  p.trigger = ua.keepalive_trigger;
  p.retries = ua.retry_keepalive;
  p.t1 = scaled(sip::kDefaultT1, scale);
  p.t2 = scaled(sip::kDefaultT2, scale);
  return p;
}

SipUaPlan plan_sip_ua(const config::SipUa& ua, double scale) {
  SipUaPlan plan;
  plan.policy = sip_policy(ua, scale);
  if (ua.primary) plan.targets.push_back({kSipPrimary, *ua.primary});
  if (ua.secondary) plan.targets.push_back({kSipSecondary, *ua.secondary});
  return plan;
}

std::optional<config::KeepaliveTarget> target_of(const SipUaPlan& plan, std::string_view role) {
  for (const auto& t : plan.targets)
    if (t.role == role) return t.target;
  return std::nullopt;
}

}  // namespace gw::daemon
