// ServerGroupPlan: see server_group_plan.hpp.
#include "services/dial_peer/server_group_plan.hpp"

#include <map>

namespace gw::daemon {

config::SipServer member_server(const config::ServerGroupMember& m) {
  config::SipServer s;
  s.kind = m.ipv6 ? config::SipServer::Kind::ipv6 : config::SipServer::Kind::ipv4;
  s.host = m.address;
  s.port = m.effective_port();
  return s;
}

std::string member_address(const config::KeepaliveTarget& target) {
  const auto& s = target.server;
  const std::string port = ":" + std::to_string(target.port());
  return s.kind == config::SipServer::Kind::ipv6 ? "[" + s.host + "]" + port : s.host + port;
}

bool MemberProbe::same_stream(const MemberProbe& o) const {
  return member == o.member && probe.target == o.probe.target &&
         probe.up_seconds == o.probe.up_seconds && probe.down_seconds == o.probe.down_seconds &&
         probe.retry == o.probe.retry;
}

ServerGroupPlan plan_server_groups(const config::Config& config, double scale) {
  std::map<ProbeSetKey, ProbeSet> sets;
  for (const auto& [tag, dp] : config.dial_peers) {
    if (!dp.server_group) continue;
    const auto g = config.server_groups.find(*dp.server_group);
    if (g == config.server_groups.end()) continue;
    // Planned as a dial-peer whose session target is a member (the group's first, or a
    // placeholder when it has none): the same profile, transport and shutdown rules.
    config::DialPeer as_target = dp;
    as_target.server_group.reset();
    as_target.session_target = g->second.members.empty()
                                   ? config::SipServer{config::SipServer::Kind::ipv4, "0.0.0.0", {}}
                                   : member_server(g->second.members.front());
    auto first = plan_dial_peer(config, tag, as_target, scale, nullptr);
    if (!first) continue;
    const ProbeSetKey key{g->first, first->profile, first->profile == 0 ? tag : 0};
    auto [it, fresh] = sets.try_emplace(key);
    ProbeSet& set = it->second;
    set.dial_peers.push_back(tag);
    if (!fresh) continue;
    set.key = key;
    set.shutdown = g->second.shutdown;
    if (set.shutdown) continue;
    const auto& members = g->second.members;
    for (std::size_t i = 0; i < members.size(); ++i) {
      MemberProbe m{i, *first};
      m.probe.target.server = member_server(members[i]);
      set.members.push_back(std::move(m));
    }
  }
  ServerGroupPlan plan;
  plan.sets.reserve(sets.size());
  for (auto& [key, set] : sets) plan.sets.push_back(std::move(set));
  return plan;
}

}  // namespace gw::daemon
