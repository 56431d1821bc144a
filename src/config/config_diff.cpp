#include "config/config_diff.hpp"

#include <fmt/format.h>

#include <set>

namespace gw::daemon {
namespace {

bool target_changed(const config::Config& a, const config::Config& b,
                    const std::optional<config::KeepaliveTarget>& ta,
                    const std::optional<config::KeepaliveTarget>& tb) {
  if (ta != tb) return true;
  if (!ta) return false;  // absent in both
  const auto& ua = a.sip_ua;
  const auto& ub = b.sip_ua;
  if (ua.keepalive_trigger != ub.keepalive_trigger || ua.timers_active != ub.timers_active ||
      ua.timers_down != ub.timers_down || ua.retry_keepalive != ub.retry_keepalive) {
    return true;
  }
  if (ta->transport == Transport::tls && ua.tls_ca_file != ub.tls_ca_file) return true;
  if (ta->server.kind == config::SipServer::Kind::dns && a.name_servers != b.name_servers)
    return true;
  return false;
}

template <class K, class V>
std::set<K> keys_of(const std::map<K, V>& a, const std::map<K, V>& b) {
  std::set<K> out;
  for (const auto& [k, v] : a) out.insert(k);
  for (const auto& [k, v] : b) out.insert(k);
  return out;
}

template <class K, class V>
const V* find(const std::map<K, V>& m, const K& k) {
  auto it = m.find(k);
  return it == m.end() ? nullptr : &it->second;
}

template <class K, class V>
bool entry_differs(const std::map<K, V>& a, const std::map<K, V>& b, const K& k) {
  const V* x = find(a, k);
  const V* y = find(b, k);
  if (!x || !y) return x != y;
  return !(*x == *y);
}

bool group_changed(const config::Config& a, const config::Config& b, int id) {
  const config::CcmGroup* ga = find(a.ccm_groups, id);
  const config::CcmGroup* gb = find(b.ccm_groups, id);
  if (!ga || !gb) return ga != gb;
  if (!(*ga == *gb)) return true;
  if (a.sccp_enabled != b.sccp_enabled || a.sccp_local != b.sccp_local) return true;
  for (const auto& [prio, ccm] : ga->ccm_by_priority) {
    (void)prio;
    if (entry_differs(a.sccp_ccms, b.sccp_ccms, ccm)) return true;
  }
  if (ga->ccm_by_priority.empty()) {  // older IOS form: every `sccp ccm` with a priority
    for (int id : keys_of(a.sccp_ccms, b.sccp_ccms)) {
      const config::SccpCcm* x = find(a.sccp_ccms, id);
      const config::SccpCcm* y = find(b.sccp_ccms, id);
      const bool used = (x && x->priority) || (y && y->priority);
      if (used && entry_differs(a.sccp_ccms, b.sccp_ccms, id)) return true;
    }
  }
  for (const auto& reg : ga->profiles) {
    if (entry_differs(a.dspfarm_profiles, b.dspfarm_profiles, reg.profile)) return true;
  }
  return false;  // gb names the same CCMs and profiles as ga (the blocks are equal)
}

// The keepalive of a dial-peer changed (its Kamailio binding is not part of that).
bool dial_peer_changed(const config::Config& a, const config::Config& b, long tag) {
  const config::DialPeer* pa = find(a.dial_peers, tag);
  const config::DialPeer* pb = find(b.dial_peers, tag);
  if (!pa || !pb) return pa != pb;
  if (pa->kamailio_dispatcher != pb->kamailio_dispatcher) {
    config::DialPeer unbound = *pb;
    unbound.kamailio_dispatcher = pa->kamailio_dispatcher;
    if (!(*pa == unbound)) return true;
  } else if (!(*pa == *pb)) {
    return true;
  }
  if (pa->server_group && entry_differs(a.server_groups, b.server_groups, *pa->server_group))
    return true;
  if (pa->keepalive_profile)
    return entry_differs(a.keepalive_profiles, b.keepalive_profiles, *pa->keepalive_profile);
  return false;
}

}  // namespace

ConfigDiff diff_config(const config::Config& a, const config::Config& b) {
  ConfigDiff d;
  d.sip_primary = target_changed(a, b, a.sip_ua.primary, b.sip_ua.primary);
  d.sip_secondary = target_changed(a, b, a.sip_ua.secondary, b.sip_ua.secondary);
  for (const auto& id : keys_of(a.voice_ports, b.voice_ports)) {
    if (entry_differs(a.voice_ports, b.voice_ports, id)) d.voice_ports.push_back(id);
  }
  for (int id : keys_of(a.ccm_groups, b.ccm_groups)) {
    if (group_changed(a, b, id)) d.sccp_groups.push_back(id);
  }
  for (long id : keys_of(a.server_groups, b.server_groups))
    if (entry_differs(a.server_groups, b.server_groups, id)) d.server_groups.push_back(id);
  d.kamailio = a.kamailio != b.kamailio;
  for (long tag : keys_of(a.dial_peers, b.dial_peers)) {
    if (dial_peer_changed(a, b, tag)) d.dial_peers.push_back(tag);
    const config::DialPeer* pa = find(a.dial_peers, tag);
    const config::DialPeer* pb = find(b.dial_peers, tag);
    const auto binding = [](const config::DialPeer* p) {
      return p ? p->kamailio_dispatcher : std::nullopt;
    };
    if (binding(pa) != binding(pb)) d.kamailio = true;
  }
  d.hostname = a.hostname != b.hostname;
  return d;
}

namespace {
constexpr std::size_t kDescribedRuns = 16;
}  // namespace

std::string describe(const ConfigDiff& d) {
  std::string out;
  const auto add = [&out](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
  if (d.sip_primary) add("sip primary");
  if (d.sip_secondary) add("sip secondary");
  for (const auto& p : d.voice_ports) add("voice-port " + p.text());
  for (int g : d.sccp_groups) add("ccm-group " + std::to_string(g));
  // Runs of consecutive tags as ranges, and no more than kDescribedRuns of them: a profile
  // used by 50k dial-peers restarts them all, and one log line must stay a line.
  std::size_t runs = 0;
  for (std::size_t i = 0; i < d.dial_peers.size();) {
    std::size_t j = i + 1;
    while (j < d.dial_peers.size() && d.dial_peers[j] == d.dial_peers[j - 1] + 1) ++j;
    if (runs == kDescribedRuns) {
      const std::size_t rest = d.dial_peers.size() - i;
      add(fmt::format("and {} more dial-peer{}", rest, rest == 1 ? "" : "s"));
      break;
    }
    ++runs;
    add(j - i == 1 ? fmt::format("dial-peer {}", d.dial_peers[i])
                   : fmt::format("dial-peer {}-{}", d.dial_peers[i], d.dial_peers[j - 1]));
    i = j;
  }
  for (long g : d.server_groups) add("server-group " + std::to_string(g));
  if (d.kamailio) add("kamailio");
  if (d.hostname) add("hostname");
  return out.empty() ? "nothing" : out;
}

}  // namespace gw::daemon
