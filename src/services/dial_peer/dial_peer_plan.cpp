#include "services/dial_peer/dial_peer_plan.hpp"

#include "sip/client_transaction.hpp"

namespace gw::daemon {

namespace {
// A profile at its default transport leaves the choice to the dial-peer (see the header).
constexpr Transport kProfileTransport = keepalive::options_keepalive::kTransport;

std::string note(long tag, const std::string& why) {
  return "dial-peer " + std::to_string(tag) + ": " + why;
}
}  // namespace

std::optional<DialPeerProbe> plan_dial_peer(const config::Config& config, long tag,
                                            const config::DialPeer& dp, double scale,
                                            std::string* why) {
  std::string ignored;
  std::string& note_out = why ? *why : ignored;
  note_out.clear();
  const bool wants = dp.keepalive_profile || dp.inline_keepalive;
  if (!wants) return std::nullopt;
  if (dp.server_group) return std::nullopt;  // probed per member: server_group_plan.hpp
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
      note_out =
          note(tag, "profile " + std::to_string(*dp.keepalive_profile) + " is not configured");
      return std::nullopt;
    }
    const config::OptionsKeepaliveProfile& prof = it->second;
    if (prof.shutdown) return std::nullopt;
    p.profile = it->first;
    p.up_seconds = prof.up_interval;
    p.down_seconds = prof.down_interval;
    p.retry = prof.retry;
    if (prof.transport != kProfileTransport) transport = prof.transport;
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
// plan_dial_peer()'s transport decision alone, without building the probe (no allocation).
bool probed_over_tls(const config::Config& config, const config::DialPeer& dp) {
  if (!(dp.keepalive_profile || dp.inline_keepalive) || !(dp.session_target || dp.server_group) ||
      dp.shutdown)
    return false;
  Transport transport = dp.session_transport.value_or(Transport::udp);
  if (dp.keepalive_profile) {
    const auto it = config.keepalive_profiles.find(*dp.keepalive_profile);
    if (it == config.keepalive_profiles.end() || it->second.shutdown) return false;
    if (it->second.transport != kProfileTransport) transport = it->second.transport;
  }
  return transport == Transport::tls;
}
}  // namespace

bool dial_peers_need_tls(const config::Config& config) {
  for (const auto& [tag, dp] : config.dial_peers)
    if (probed_over_tls(config, dp)) return true;
  return false;
}

bool dial_peers_need_tls(const config::Config& config, const std::vector<long>& tags) {
  // Tags are sorted and usually dense (a profile's dial-peers): walk the map alongside them,
  // and look a tag up afresh only when it lies far ahead.
  auto it = config.dial_peers.end();
  for (long tag : tags) {
    if (it == config.dial_peers.end() || tag - it->first > 64)
      it = config.dial_peers.lower_bound(tag);
    while (it != config.dial_peers.end() && it->first < tag) ++it;
    if (it == config.dial_peers.end()) return false;
    if (it->first == tag && probed_over_tls(config, it->second)) return true;
  }
  return false;
}

}  // namespace gw::daemon
