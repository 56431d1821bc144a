#include "daemon/dial_peer_plan.hpp"

#include "sip/client_transaction.hpp"

namespace gw::daemon {

namespace {
std::string note(long tag, const std::string& why) { return "dial-peer " + std::to_string(tag) + ": " + why; }
}  // namespace

std::optional<DialPeerProbe> plan_dial_peer(const config::Config& config, long tag, const config::DialPeer& dp,
                                            double scale, std::string* why) {
  std::string ignored;
  std::string& note_out = why ? *why : ignored;
  note_out.clear();
  const bool wants = dp.keepalive_profile || dp.inline_keepalive;
  if (!wants) return std::nullopt;
  if (!dp.session_target) {
    note_out = note(tag, "no session target, keepalive not started");
    return std::nullopt;
  }
  if (dp.shutdown) return std::nullopt;  // shut: not probed, shown as shutdown
  DialPeerProbe p;
  p.tag = tag;
  p.target.server = *dp.session_target;
  Transport transport = dp.session_transport.value_or(Transport::udp);
  if (dp.keepalive_profile) {
    auto it = config.keepalive_profiles.find(*dp.keepalive_profile);
    if (it == config.keepalive_profiles.end()) {
      note_out = note(tag, "profile " + std::to_string(*dp.keepalive_profile) + " is not configured");
      return std::nullopt;
    }
    const config::OptionsKeepaliveProfile& prof = it->second;
    if (prof.shutdown) return std::nullopt;
    p.profile = it->first;
    p.up_seconds = prof.up_interval;
    p.down_seconds = prof.down_interval;
    p.retry = prof.retry;
    if (prof.transport != Transport::udp) transport = prof.transport;
  } else {
    const config::InlineOptionsKeepalive& in = *dp.inline_keepalive;
    const config::OptionsKeepaliveProfile defaults;
    p.up_seconds = in.up_interval.value_or(defaults.up_interval);
    p.down_seconds = in.down_interval.value_or(defaults.down_interval);
    p.retry = in.retry.value_or(defaults.retry);
  }
  p.target.transport = transport;
  p.policy.active_interval = scaled(std::chrono::seconds(p.up_seconds), scale);
  p.policy.down_interval = scaled(std::chrono::seconds(p.down_seconds), scale);
  p.policy.trigger = 1;
  p.policy.retries = p.retry;
  p.policy.t1 = scaled(sip::kDefaultT1, scale);
  p.policy.t2 = scaled(sip::kDefaultT2, scale);
  return p;
}

DialPeerPlan plan_dial_peers(const config::Config& config, double scale) {
  DialPeerPlan plan;
  plan.probes.reserve(config.dial_peers.size());
  std::string why;
  for (const auto& [tag, dp] : config.dial_peers) {
    auto p = plan_dial_peer(config, tag, dp, scale, &why);
    if (p) plan.probes.push_back(std::move(*p));
    if (!why.empty()) plan.notes.push_back(std::move(why));
  }
  return plan;
}

namespace {
bool probed_over_tls(const config::Config& config, long tag, const config::DialPeer& dp) {
  const auto p = plan_dial_peer(config, tag, dp, 1.0, nullptr);
  return p && p->target.transport == Transport::tls;
}
}  // namespace

bool dial_peers_need_tls(const config::Config& config) {
  for (const auto& [tag, dp] : config.dial_peers)
    if (probed_over_tls(config, tag, dp)) return true;
  return false;
}

bool dial_peers_need_tls(const config::Config& config, const std::vector<long>& tags) {
  for (long tag : tags) {
    const auto it = config.dial_peers.find(tag);
    if (it != config.dial_peers.end() && probed_over_tls(config, tag, it->second)) return true;
  }
  return false;
}

}  // namespace gw::daemon
