#include "render/status_json.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

namespace gw::daemon {

namespace {

using Json = nlohmann::ordered_json;

Json text_or_null(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}

Json ms_or_null(const std::optional<Duration>& d) {
  if (!d) return nullptr;
  // Three decimals: a microsecond is finer than anything the page shows.
  const double ms = std::chrono::duration<double, std::milli>(*d).count();
  return std::round(ms * 1000.0) / 1000.0;
}

Json sip_targets(const StatusInput& in) {
  Json out = Json::array();
  if (!in.snapshot.sip) return out;
  for (const auto& t : in.snapshot.sip->targets) {
    const SipTargetHistory* h = nullptr;
    for (const auto& s : in.sip)
      if (s.role == t.role) h = &s;
    const bool down = t.state == keepalive::TargetState::down;
    std::string reason;
    if (down) {
      if (h && !h->reason.empty())
        reason = h->reason;
      else if (t.last_failure)
        reason = std::string(keepalive::to_string(*t.last_failure));
    }
    Json history = Json::array();
    if (h) {
      for (const auto& v : h->rtt_ms)
        history.push_back(v ? Json(std::round(*v * 1000.0) / 1000.0) : Json(nullptr));
    }
    Json j;
    j["target"] = t.role;
    j["address"] = t.address.empty() ? t.configured : t.address;
    j["transport"] = std::string(to_string(t.transport));
    j["state"] = std::string(keepalive::to_string(t.state));
    j["reason"] = text_or_null(reason);
    j["rtt_ms"] = ms_or_null(t.last_rtt);
    j["last_change"] = h && h->last_change ? Json(rfc3339_ms(*h->last_change)) : Json(nullptr);
    j["probing"] = t.probing;
    j["attempts"] = t.attempts;
    j["failures"] = t.failures;
    j["rtt_history_ms"] = std::move(history);
    out.push_back(std::move(j));
  }
  return out;
}

Json voice_ports(const DaemonSnapshot& s) {
  Json out = Json::array();
  for (const auto& p : s.voice_ports) {
    Json j;
    j["port"] = p.port;
    j["busyout"] = p.busy;
    j["why"] = text_or_null(p.why);
    j["monitor"] = p.monitor_keepalive;
    j["shutdown"] = p.shutdown;
    out.push_back(std::move(j));
  }
  return out;
}

Json sccp_groups(const DaemonSnapshot& s) {
  Json out = Json::array();
  if (!s.sccp) return out;
  for (const auto& g : s.sccp->groups) {
    Json ccms = Json::array();
    for (const auto& c : g.live.ccms) {
      Json j;
      j["ccm"] = c.identifier;
      j["address"] = c.address;
      j["priority"] = c.priority;
      j["state"] = std::string(sccp::to_string(c.role));
      ccms.push_back(std::move(j));
    }
    Json j;
    j["group"] = g.group;
    j["active"] = g.live.active ? Json(*g.live.active) : Json(nullptr);
    j["ccms"] = std::move(ccms);
    out.push_back(std::move(j));
  }
  return out;
}

Json dial_peers(const DaemonSnapshot& s, const StatusQuery& q, const NotActivePage& page) {
  // The services' own counts are the truth; the board may lag a reload (prune()).
  const std::size_t groups = s.server_groups ? s.server_groups->peers : 0;
  const std::size_t probed = (s.dial_peers ? s.dial_peers->probed : 0) + groups;
  const std::size_t busyout = s.dial_peers || s.server_groups
                                  ? (s.dial_peers ? s.dial_peers->busyout : 0) +
                                        (s.server_groups ? s.server_groups->busyout : 0)
                                  : page.busyout;
  const std::size_t partial = s.server_groups
                                  ? s.server_groups->partial
                                  : std::min(page.partial, probed - std::min(probed, busyout));
  Json counts;
  counts["active"] = probed - std::min(probed, busyout + partial);
  counts["partial"] = partial;
  counts["busyout"] = busyout;
  Json rows = Json::array();
  for (const auto& p : page.rows) {
    Json j;
    j["dial_peer"] = p.tag;
    j["state"] = p.state;
    j["address"] = p.address;
    j["transport"] = text_or_null(p.transport);
    j["reason"] = text_or_null(p.reason);
    j["since"] = rfc3339_ms(p.since);
    rows.push_back(std::move(j));
  }
  Json out;
  out["counts"] = std::move(counts);
  out["probed"] = probed;
  out["not_active"] = std::move(rows);
  out["filter"] = q.filter;
  out["limit"] = q.limit;
  out["matched"] = page.matched;
  out["truncated"] = page.matched > page.rows.size();
  return out;
}

Json kamailio(const KamailioSnapshot& k) {
  Json rows = Json::array();
  for (const auto& d : k.not_in_sync) {
    Json j;
    j["set"] = d.dest.set;
    j["uri"] = d.dest.uri;
    j["dial_peer"] = d.dial_peers.empty() ? Json(nullptr) : Json(d.dial_peers.front());
    j["wanted"] = std::string(1, static_cast<char>(d.wanted));
    j["known"] = d.known ? Json(std::string(1, static_cast<char>(*d.known))) : Json(nullptr);
    j["missing"] = d.missing;
    rows.push_back(std::move(j));
  }
  Json j;
  j["url"] = k.url;
  j["reachable"] = k.reachable;
  j["last_error"] = text_or_null(k.last_error);
  j["resync_seconds"] = k.resync_seconds;
  j["destinations"] = k.destinations;
  j["in_sync"] = k.in_sync;
  j["pending"] = k.pending();
  j["missing"] = k.missing;
  j["requests"] = k.counters.requests;
  j["failures"] = k.counters.failures;
  j["not_in_sync"] = std::move(rows);
  return j;
}

Json cluster(const StatusCluster& c) {
  Json members = Json::array();
  for (const auto& m : c.members) {
    Json j;
    j["node"] = m.node;
    j["state"] = m.up ? "up" : "down";
    j["owned"] = m.owned;
    members.push_back(std::move(j));
  }
  Json j;
  j["node"] = c.node;
  j["lease_seconds"] = c.lease_seconds;
  j["etcd_reachable"] = c.etcd_reachable;
  j["members"] = std::move(members);
  return j;
}

}  // namespace

StatusQuery parse_status_query(const std::string& filter, const std::string& limit) {
  StatusQuery q;
  q.filter = filter.substr(0, StatusQuery::kMaxFilter);
  std::size_t n = 0;
  const auto* end = limit.data() + limit.size();
  const auto [p, ec] = std::from_chars(limit.data(), end, n);
  if (!limit.empty() && ec == std::errc() && p == end)
    q.limit = std::min(n, StatusQuery::kMaxLimit);
  if (!limit.empty() && ec == std::errc::result_out_of_range) q.limit = StatusQuery::kMaxLimit;
  return q;
}

std::string render_status_json(const StatusInput& in, const StatusQuery& query,
                               const NotActivePage& not_active) {
  Json j;
  j["version"] = in.version;
  j["time"] = rfc3339_ms(in.now);
  j["started"] = rfc3339_ms(in.started);
  j["sip_targets"] = sip_targets(in);
  j["voice_ports"] = voice_ports(in.snapshot);
  j["sccp_groups"] = sccp_groups(in.snapshot);
  j["dial_peers"] = dial_peers(in.snapshot, query, not_active);
  if (in.snapshot.kamailio) j["kamailio"] = kamailio(*in.snapshot.kamailio);
  if (in.cluster) j["cluster"] = cluster(*in.cluster);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::uint64_t parse_since(const std::string& since) {
  std::uint64_t n = 0;
  const auto* end = since.data() + since.size();
  const auto [p, ec] = std::from_chars(since.data(), end, n);
  return ec == std::errc() && p == end ? n : 0;
}

std::string render_events_json(const EventPage& page) {
  std::string out = "{\"next\":" + std::to_string(page.next) +
                    ",\"dropped\":" + std::to_string(page.dropped) + ",\"events\":[";
  bool first = true;
  for (const auto& e : page.events) {
    if (!first) out += ',';
    first = false;
    out += format_stamped_event(*e);
  }
  out += "]}";
  return out;
}

StatusCluster status_cluster_of(const ClusterSnapshot& c) {
  StatusCluster v;
  v.node = c.node;
  v.lease_seconds = c.lease_seconds;
  v.etcd_reachable = std::any_of(c.endpoints.begin(), c.endpoints.end(),
                                 [](const ClusterEndpointView& e) { return e.healthy; });
  for (const auto& m : c.members) v.members.push_back({m.node, true, m.owned});
  return v;
}

}  // namespace gw::daemon
