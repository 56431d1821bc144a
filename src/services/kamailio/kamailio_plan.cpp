#include "services/kamailio/kamailio_plan.hpp"

#include <fmt/format.h>

#include "services/dial_peer/dial_peer_plan.hpp"
#include "services/dial_peer/server_group_plan.hpp"

namespace gw::daemon {

namespace {

// The keepalive target of `dp` with `server` as its session target: the transport as the
// dial-peer plan chooses it (a shut dial-peer as if it were not shut).
config::KeepaliveTarget keepalive_target(const config::Config& config, long tag,
                                         const config::DialPeer& dp, config::SipServer server) {
  config::DialPeer probed = dp;
  probed.shutdown = false;
  probed.server_group.reset();
  probed.session_target = server;
  config::KeepaliveTarget t{std::move(server), dp.session_transport.value_or(Transport::udp)};
  if (auto probe = plan_dial_peer(config, tag, probed, 1.0, nullptr)) t = probe->target;
  return t;
}

// One binding per member of the dial-peer's server group (design.md).
void bind_members(const config::Config& config, long tag, const config::DialPeer& dp,
                  KamailioPlan& plan) {
  const long set = dp.kamailio_dispatcher->set;
  const auto g = config.server_groups.find(*dp.server_group);
  if (g == config.server_groups.end() || g->second.members.empty()) {
    plan.notes.push_back(fmt::format(
        "dial-peer {}: kamailio dispatcher set {}: server-group {} has no member, nothing bound",
        tag, set, *dp.server_group));
    return;
  }
  // Every member is probed with the same transport (server_group_plan.hpp).
  const Transport transport =
      keepalive_target(config, tag, dp, member_server(g->second.members.front())).transport;
  for (const auto& m : g->second.members) {
    const config::KeepaliveTarget t{member_server(m), transport};
    KamailioMember ref{g->first, member_address(t), transport};
    std::string key = member_key(ref.group, ref.address, to_string(transport));
    plan.bindings.push_back({tag, {set, default_dispatcher_uri(t)}, true, key});
    plan.members.try_emplace(std::move(key), std::move(ref));
  }
}

}  // namespace

std::string member_key(long group, std::string_view address, std::string_view transport) {
  return fmt::format("{} {} {}", group, address, transport);
}

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
    if (dp.server_group && b.uri.empty()) {
      bind_members(config, tag, dp, plan);
      continue;
    }
    if (dp.server_group) {  // the CLI refuses it; a hand-made Config still gets a word
      plan.notes.push_back(fmt::format(
          "dial-peer {}: kamailio dispatcher set {} uri is not allowed on a server-group "
          "dial-peer, skipped",
          tag, b.set));
      continue;
    }
    std::string uri = b.uri;
    if (uri.empty()) {
      if (!dp.session_target) {
        plan.notes.push_back(fmt::format(
            "dial-peer {}: kamailio dispatcher set {} has no URI (no session target), skipped", tag,
            b.set));
        continue;
      }
      uri = default_dispatcher_uri(keepalive_target(config, tag, dp, *dp.session_target));
    }
    plan.bindings.push_back({tag, {b.set, std::move(uri)}, true, {}});
  }
  return plan;
}

}  // namespace gw::daemon
