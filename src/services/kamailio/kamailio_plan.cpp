#include "services/kamailio/kamailio_plan.hpp"

#include <fmt/format.h>

#include "services/dial_peer/dial_peer_plan.hpp"

namespace gw::daemon {

std::string default_dispatcher_uri(const config::KeepaliveTarget& target) {
  const auto& s = target.server;
  std::string uri =
      s.kind == config::SipServer::Kind::ipv6 ? "sip:[" + s.host + "]:" : "sip:" + s.host + ":";
  uri += std::to_string(target.port());
  if (target.transport == Transport::tcp) uri += ";transport=tcp";
  if (target.transport == Transport::tls) uri += ";transport=tls";
  return uri;
}

KamailioPlan plan_kamailio(const config::Config& config) {
  KamailioPlan plan;
  if (config.kamailio.rpc_url.empty()) return plan;
  plan.rpc_url = config.kamailio.rpc_url;
  plan.policy.resync = seconds(config.kamailio.resync);
  for (const auto& [tag, dp] : config.dial_peers) {
    if (!dp.kamailio_dispatcher) continue;
    const auto& b = *dp.kamailio_dispatcher;
    std::string uri = b.uri;
    if (uri.empty()) {
      if (dp.server_group) {  // one destination per member: not wired yet
        plan.notes.push_back(fmt::format(
            "dial-peer {}: kamailio dispatcher set {} without uri on a server-group dial-peer is "
            "not supported yet (one destination per member), skipped",
            tag, b.set));
        continue;
      }
      if (!dp.session_target) {
        plan.notes.push_back(fmt::format(
            "dial-peer {}: kamailio dispatcher set {} has no URI (no session target), skipped", tag,
            b.set));
        continue;
      }
      // The transport the keepalive uses, as the dial-peer plan chooses it.
      config::DialPeer probed = dp;
      probed.shutdown = false;
      auto probe = plan_dial_peer(config, tag, probed, 1.0, nullptr);
      config::KeepaliveTarget t{*dp.session_target, dp.session_transport.value_or(Transport::udp)};
      if (probe) t = probe->target;
      uri = default_dispatcher_uri(t);
    }
    plan.bindings.push_back({tag, {b.set, std::move(uri)}, true});
  }
  return plan;
}

}  // namespace gw::daemon
