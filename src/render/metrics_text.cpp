#include "render/metrics_text.hpp"

#include <fmt/format.h>

#include <array>
#include <tuple>
#include <utility>
#include <vector>

namespace gw::daemon {

namespace {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Writer {
 public:
  void family(const char* name, const char* type, const char* help) {
    out_ += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  }
  void sample(std::string_view name, const Labels& labels, std::string_view value) {
    out_ += name;
    if (!labels.empty()) {
      out_ += '{';
      for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i) out_ += ',';
        out_ += labels[i].first;
        out_ += "=\"";
        out_ += escape_label_value(labels[i].second);
        out_ += '"';
      }
      out_ += '}';
    }
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }
  void sample(std::string_view name, const Labels& labels, std::uint64_t value) {
    sample(name, labels, fmt::format("{}", value));
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

Labels target_labels(const SipTargetSnapshot& t) {
  return {{"target", t.role},
          {"address", t.address},
          {"transport", std::string(to_string(t.transport))}};
}

Labels with(Labels l, std::string key, std::string value) {
  l.emplace_back(std::move(key), std::move(value));
  return l;
}

std::string number(double v) {
  return fmt::format("{}", v);
}

void render_sip(Writer& w, const DaemonSnapshot& s) {
  static const std::vector<SipTargetSnapshot> kNone;
  const auto& targets = s.sip ? s.sip->targets : kNone;
  w.family("gatewatch_sip_target_up", "gauge",
           "SIP keepalive target state (1 up, 0 down), as IOS keepalive decides it.");
  for (const auto& t : targets) {
    w.sample("gatewatch_sip_target_up", target_labels(t),
             t.state == keepalive::TargetState::up ? 1u : 0u);
  }
  w.family("gatewatch_sip_target_attempts_total", "counter",
           "OPTIONS keepalive attempts finished.");
  for (const auto& t : targets)
    w.sample("gatewatch_sip_target_attempts_total", target_labels(t), t.attempts);
  w.family("gatewatch_sip_target_failures_total", "counter",
           "Failed OPTIONS keepalive attempts by reason.");
  for (const auto& t : targets) {
    for (std::size_t r = 0; r < kFailureReasonCount; ++r) {
      const auto reason = keepalive::to_string(static_cast<keepalive::FailureReason>(r));
      w.sample("gatewatch_sip_target_failures_total",
               with(target_labels(t), "reason", std::string(reason)),
               t.stats.failures_by_reason[r]);
    }
  }
  w.family("gatewatch_sip_target_rtt_seconds", "histogram",
           "Round-trip time of answered OPTIONS (first send to final response).");
  for (const auto& t : targets) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kRttBuckets.size(); ++i) {
      cumulative += t.stats.rtt_buckets[i];
      w.sample("gatewatch_sip_target_rtt_seconds_bucket",
               with(target_labels(t), "le", number(kRttBuckets[i])), cumulative);
    }
    w.sample("gatewatch_sip_target_rtt_seconds_bucket", with(target_labels(t), "le", "+Inf"),
             t.stats.rtt_count);
    w.sample("gatewatch_sip_target_rtt_seconds_sum", target_labels(t),
             number(t.stats.rtt_sum_seconds));
    w.sample("gatewatch_sip_target_rtt_seconds_count", target_labels(t), t.stats.rtt_count);
  }
  w.family("gatewatch_sip_total_failure", "gauge",
           "1 when every SIP keepalive target is down (monitored voice ports are busied out).");
  if (s.sip) w.sample("gatewatch_sip_total_failure", {}, s.sip->total_failure ? 1u : 0u);

  const sip::SipWireCounters c = s.sip ? s.sip->counters : sip::SipWireCounters{};
  const std::array<std::tuple<const char*, const char*, std::uint64_t>, 6> wire = {{
      {"gatewatch_sip_wire_requests_total", "OPTIONS requests sent (first sends).", c.sent},
      {"gatewatch_sip_wire_retransmissions_total", "OPTIONS retransmissions over UDP.",
       c.retransmissions},
      {"gatewatch_sip_wire_responses_total", "Responses matched to a running transaction.",
       c.responses},
      {"gatewatch_sip_wire_malformed_total", "Datagrams or stream messages that did not parse.",
       c.malformed},
      {"gatewatch_sip_wire_unmatched_total", "Parsed responses that matched no transaction.",
       c.unmatched},
      {"gatewatch_sip_wire_icmp_errors_total", "ICMP errors reported on the UDP sockets.",
       c.icmp_errors},
  }};
  for (const auto& [name, help, value] : wire) {
    w.family(name, "counter", help);
    if (s.sip) w.sample(name, {}, value);
  }
}

void render_voice_ports(Writer& w, const DaemonSnapshot& s) {
  w.family("gatewatch_voice_port_busyout", "gauge",
           "Voice port busied out by keepalive (1) or not (0).");
  for (const auto& p : s.voice_ports) {
    w.sample("gatewatch_voice_port_busyout", {{"port", p.port}}, p.busy ? 1u : 0u);
  }
}

void render_dial_peers(Writer& w, const DaemonSnapshot& s) {
  w.family("gatewatch_dial_peers_probed", "gauge", "Dial-peers with OPTIONS keepalive running.");
  w.family("gatewatch_dial_peers_busyout", "gauge", "Dial-peers busied out by OPTIONS keepalive.");
  w.family("gatewatch_dial_peer_probes_total", "counter",
           "Dial-peer OPTIONS keepalive attempts begun.");
  if (!s.dial_peers) return;
  w.sample("gatewatch_dial_peers_probed", {}, static_cast<std::uint64_t>(s.dial_peers->probed));
  w.sample("gatewatch_dial_peers_busyout", {}, static_cast<std::uint64_t>(s.dial_peers->busyout));
  w.sample("gatewatch_dial_peer_probes_total", {}, s.dial_peers->probes);
}

void render_server_groups(Writer& w, const DaemonSnapshot& s) {
  w.family("gatewatch_server_group_members_probed", "gauge",
           "Server-group member OPTIONS streams (one per member and profile).");
  w.family("gatewatch_server_group_members_down", "gauge", "Server-group member streams down.");
  w.family("gatewatch_server_group_dial_peers", "gauge",
           "Server-group dial-peers with OPTIONS keepalive, by state.");
  w.family("gatewatch_server_group_probes_total", "counter",
           "Server-group member OPTIONS keepalive attempts begun.");
  if (!s.server_groups) return;
  const auto& g = *s.server_groups;
  w.sample("gatewatch_server_group_members_probed", {},
           static_cast<std::uint64_t>(g.members_probed));
  w.sample("gatewatch_server_group_members_down", {}, static_cast<std::uint64_t>(g.members_down));
  const std::size_t active = g.peers - g.partial - g.busyout;
  for (const auto& [state, n] : {std::pair{"active", active}, std::pair{"partial", g.partial},
                                 std::pair{"busyout", g.busyout}})
    w.sample("gatewatch_server_group_dial_peers", {{"state", state}},
             static_cast<std::uint64_t>(n));
  w.sample("gatewatch_server_group_probes_total", {}, g.probes);
}

void render_sccp(Writer& w, const MetricsInput& in) {
  const auto* sccp = in.snapshot.sccp ? &*in.snapshot.sccp : nullptr;
  static constexpr std::array<sccp::CcmRole, 5> kRoles = {
      sccp::CcmRole::active, sccp::CcmRole::standby, sccp::CcmRole::connecting, sccp::CcmRole::down,
      sccp::CcmRole::idle};
  const auto ccm_labels = [](const SccpGroupState& g, const sccp::CcmSnapshot& c) {
    return Labels{{"group", std::to_string(g.group)}, {"ccm", std::to_string(c.identifier)}};
  };
  w.family("gatewatch_sccp_ccm_state", "gauge",
           "CallManager role in its group: 1 for the current state.");
  if (sccp) {
    for (const auto& g : sccp->groups) {
      for (const auto& c : g.live.ccms) {
        for (auto role : kRoles) {
          auto l = ccm_labels(g, c);
          l.emplace_back("address", c.address);
          l.emplace_back("state", std::string(sccp::to_string(role)));
          w.sample("gatewatch_sccp_ccm_state", l, c.role == role ? 1u : 0u);
        }
      }
    }
  }
  w.family("gatewatch_sccp_ccm_active", "gauge", "1 for the active CallManager of each group.");
  if (sccp) {
    for (const auto& g : sccp->groups) {
      for (const auto& c : g.live.ccms) {
        w.sample("gatewatch_sccp_ccm_active", ccm_labels(g, c),
                 g.live.active == c.identifier ? 1u : 0u);
      }
    }
  }
  w.family("gatewatch_sccp_keepalives_sent_total", "counter", "SCCP KeepAlive messages sent.");
  if (sccp) {
    for (const auto& g : sccp->groups) {
      for (const auto& c : g.live.ccms) {
        w.sample("gatewatch_sccp_keepalives_sent_total", ccm_labels(g, c),
                 c.counters.keepalives_sent);
      }
    }
  }
  w.family("gatewatch_sccp_keepalive_acks_total", "counter",
           "SCCP KeepAliveAck messages received.");
  if (sccp) {
    for (const auto& g : sccp->groups) {
      for (const auto& c : g.live.ccms) {
        w.sample("gatewatch_sccp_keepalive_acks_total", ccm_labels(g, c),
                 c.counters.keepalive_acks);
      }
    }
  }
  const auto per_group = [&](const char* name, const char* help,
                             const std::map<std::int64_t, std::uint64_t>& m) {
    w.family(name, "counter", help);
    if (!sccp) return;
    for (const auto& g : sccp->groups) {
      const auto it = m.find(static_cast<std::int64_t>(g.group));
      w.sample(name, {{"group", std::to_string(g.group)}}, it == m.end() ? 0u : it->second);
    }
  };
  per_group("gatewatch_sccp_switchovers_total", "Switchovers to a standby CallManager.",
            in.events.switchovers);
  per_group("gatewatch_sccp_switchbacks_total", "Switchbacks to a higher-priority CallManager.",
            in.events.switchbacks);
}

void render_kamailio(Writer& w, const KamailioSnapshot& k) {
  w.family("gatewatch_kamailio_rpc_up", "gauge",
           "Kamailio's JSON-RPC answers (1) or not (0), as the last request found it.");
  w.sample("gatewatch_kamailio_rpc_up", {}, k.reachable ? 1u : 0u);
  const auto& c = k.counters;
  const std::array<std::tuple<const char*, const char*, std::uint64_t>, 5> counters = {{
      {"gatewatch_kamailio_rpc_requests_total", "JSON-RPC requests sent to Kamailio.", c.requests},
      {"gatewatch_kamailio_rpc_failures_total",
       "Requests without a JSON-RPC answer (refused, timeout, HTTP error, not JSON-RPC).",
       c.failures},
      {"gatewatch_kamailio_rpc_errors_total", "JSON-RPC error answers.", c.rpc_errors},
      {"gatewatch_kamailio_dispatcher_states_set_total",
       "dispatcher.set_state requests Kamailio confirmed.", c.states_set},
      {"gatewatch_kamailio_dispatcher_lists_total", "dispatcher.list answers read (resyncs).",
       c.lists},
  }};
  for (const auto& [name, help, value] : counters) {
    w.family(name, "counter", help);
    w.sample(name, {}, value);
  }
  w.family("gatewatch_kamailio_dispatcher_destinations", "gauge",
           "Bound dispatcher destinations by sync state.");
  w.sample("gatewatch_kamailio_dispatcher_destinations", {{"state", "in_sync"}}, k.in_sync);
  w.sample("gatewatch_kamailio_dispatcher_destinations", {{"state", "pending"}}, k.pending());
  w.sample("gatewatch_kamailio_dispatcher_destinations", {{"state", "missing"}}, k.missing);
  w.family("gatewatch_kamailio_rpc_latency_seconds", "histogram",
           "Time from sending a JSON-RPC request to its HTTP answer.");
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kamailio::kLatencyBucketsMs.size(); ++i) {
    cumulative += c.latency[i];
    w.sample("gatewatch_kamailio_rpc_latency_seconds_bucket",
             {{"le", number(kamailio::kLatencyBucketsMs[i] / 1000.0)}}, cumulative);
  }
  cumulative += c.latency.back();
  w.sample("gatewatch_kamailio_rpc_latency_seconds_bucket", {{"le", "+Inf"}}, cumulative);
  w.sample("gatewatch_kamailio_rpc_latency_seconds_sum", {}, number(c.latency_sum_s));
  w.sample("gatewatch_kamailio_rpc_latency_seconds_count", {}, cumulative);
}

void render_cluster(Writer& w, const ClusterSnapshot& c) {
  const std::array<std::tuple<const char*, const char*, std::uint64_t>, 4> gauges = {{
      {"gatewatch_cluster_members", "Live cluster members this node sees.", c.members.size()},
      {"gatewatch_cluster_owned_dial_peers", "Dial-peers this node probes.", c.owned},
      {"gatewatch_cluster_lease_held", "This node holds its etcd lease (1) or not (0).",
       c.registered ? 1u : 0u},
      {"gatewatch_cluster_pending_transitions", "Transitions not yet published to etcd.",
       c.pending},
  }};
  for (const auto& [name, help, value] : gauges) {
    w.family(name, "gauge", help);
    w.sample(name, {}, value);
  }
  const auto& k = c.counters;
  const std::array<std::tuple<const char*, const char*, std::uint64_t>, 6> counters = {{
      {"gatewatch_cluster_etcd_round_trips_total", "etcd requests answered.", k.round_trips},
      {"gatewatch_cluster_etcd_errors_total", "etcd requests failed or refused.", k.errors},
      {"gatewatch_cluster_lease_renewals_total", "Lease keepalives that succeeded.", k.renewals},
      {"gatewatch_cluster_etcd_txns_total", "Publication transactions written.", k.txns},
      {"gatewatch_cluster_published_states_total", "Dial-peer states published.", k.published},
      {"gatewatch_cluster_watch_restarts_total", "etcd watch streams started.", k.watch_restarts},
  }};
  for (const auto& [name, help, value] : counters) {
    w.family(name, "counter", help);
    w.sample(name, {}, value);
  }
}

void render_notify(Writer& w, const NotifyStats& n) {
  const std::array<std::tuple<const char*, const char*, const char*, std::uint64_t>, 7> rows = {{
      {"gatewatch_notify_started_total", "counter", "Notify programs started.", n.started},
      {"gatewatch_notify_succeeded_total", "counter", "Notify programs that exited 0.",
       n.succeeded},
      {"gatewatch_notify_failed_total", "counter",
       "Notify programs that failed to start, exited non-zero or died.", n.failed},
      {"gatewatch_notify_timeouts_total", "counter", "Notify programs killed after the timeout.",
       n.timed_out},
      {"gatewatch_notify_dropped_total", "counter",
       "Events not notified because the queue was full.", n.dropped},
      {"gatewatch_notify_running", "gauge", "Notify programs running now.", n.running},
      {"gatewatch_notify_queued", "gauge", "Events waiting for a notify program slot.", n.queued},
  }};
  for (const auto& [name, type, help, value] : rows) {
    w.family(name, type, help);
    w.sample(name, {}, value);
  }
}

}  // namespace

std::string escape_label_value(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string render_metrics(const MetricsInput& in) {
  Writer w;
  w.family("gatewatch_build_info", "gauge", "Build information; the value is always 1.");
  w.sample("gatewatch_build_info", {{"version", in.version}}, 1u);
  render_sip(w, in.snapshot);
  render_voice_ports(w, in.snapshot);
  render_dial_peers(w, in.snapshot);
  render_server_groups(w, in.snapshot);
  render_sccp(w, in);
  if (in.snapshot.kamailio) render_kamailio(w, *in.snapshot.kamailio);
  if (in.snapshot.cluster) render_cluster(w, *in.snapshot.cluster);
  w.family("gatewatch_events_total", "counter", "Events emitted, by event name.");
  for (const auto& [name, n] : in.events.by_name)
    w.sample("gatewatch_events_total", {{"event", name}}, n);
  if (in.notify) render_notify(w, *in.notify);
  return w.take();
}

}  // namespace gw::daemon
