// Building `gatewatch run` from DaemonOptions: the event sinks and observers, --notify, the
// resolver, the UDP sockets and probe context, the TLS context, --metrics, the three keepalive
// services, and the live configuration with its control socket.
#include <unistd.h>

#include <asio/ip/address.hpp>
#include <asio/post.hpp>
#include <cstdlib>

#include "daemon/daemon_impl.hpp"
#include "net/sccp_connection.hpp"
#include "net/tls_context.hpp"
#include "ops/json_lines_sink.hpp"
#include "services/cluster/cluster_service.hpp"
#include "services/cluster/node_sink.hpp"
#include "services/dial_peer/dial_peer_keepalive_service.hpp"
#include "services/dial_peer/server_group_keepalive_service.hpp"
#include "services/kamailio/kamailio_dispatcher_service.hpp"
#include "services/sccp/sccp_service.hpp"
#include "services/sip_ua/sip_keepalive_service.hpp"

namespace gw::daemon {

std::optional<HostPort> parse_host_port(const std::string& text) {
  std::string host;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return std::nullopt;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || text.find(':') != colon) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (host.empty() || port.empty() || port.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return std::nullopt;
  std::error_code ec;
  asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  return HostPort{host, static_cast<std::uint16_t>(value)};
}

// Every 100 ms (wall time, not scaled), a copy of the state for the metrics server's thread.
void Daemon::Impl::publish_metrics() {
  if (!metrics_server || stopping) return;
  MetricsInput in;
  in.version = GW_VERSION;
  for (const auto& s : services) s->summary(in.snapshot);
  in.events = tee->counts();
  if (notify) in.notify = notify->stats();
  if (status) status->publish(in.snapshot);
  metrics_server->publish(std::move(in));
  metrics_timer.expires_after(std::chrono::milliseconds(100));
  metrics_timer.async_wait([this](const std::error_code& ec) {
    if (!ec) publish_metrics();
  });
}

Status<> Daemon::Impl::bind_listeners() {
  if (!options.metrics.empty()) {
    auto hp = parse_host_port(options.metrics);
    if (!hp) return fail("bind", "bad --metrics address " + options.metrics);
    // The status page (GET /, /api/v1/*) sees every event from here on.
    status = std::make_unique<StatusEndpoints>(GW_VERSION);
    tee->add_observer([s = status.get()](const Event& e) { s->observe(e); });
    auto m = MetricsServer::start(hp->host, hp->port, status.get());
    if (!m) return Unexpected<Error>{m.error()};
    metrics_server = std::move(*m);
  }
  return Ok{};
}

Status<> Daemon::Impl::open() {
  if (options.events.empty()) {
    sink = std::make_unique<NullSink>();
  } else {
    auto s = JsonLinesSink::open(options.events);
    if (!s) return Unexpected<Error>{s.error()};
    sink = std::move(*s);
  }
  tee = std::make_unique<TeeSink>(*sink);
  for (const auto& o : options.observers) tee->add_observer(o);
  // `debug sccp events`: registration, connection and switchover decisions as they happen.
  tee->add_observer([this](const Event& e) {
    if (!debug_hub.on(DebugFlag::sccp_events) || !e.name.starts_with("sccp.") || !debug_hub.admit())
      return;
    std::string line = ios_timestamp(WallClock::now()) + "SCCP: " + e.name;
    for (const auto& [k, v] : e.fields)
      line += " " + k + "=" +
              (std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                      : std::to_string(std::get<std::int64_t>(v)));
    debug_hub.emit(line + "\n");
  });
  systemd = std::make_unique<SystemdNotifier>(io);
  if (systemd->active()) {
    // STATUS= after the event's handler has finished (the services' state is whole again).
    tee->add_observer([this](const Event&) {
      if (status_pending) return;
      status_pending = true;
      asio::post(io, [this] {
        status_pending = false;
        if (!stopping) systemd->status(status_line(summary()));
      });
    });
  }
  if (!options.notify.empty()) {
    if (options.notify.find('/') != std::string::npos &&
        ::access(options.notify.c_str(), X_OK) != 0) {
      return fail("io", "notify program " + options.notify + " is not executable");
    }
    NotifyOptions no;
    no.program = options.notify;
    // Lab/test knob (like GATEWATCH_DEBUG): the hook timeout in milliseconds.
    if (const char* t = std::getenv("GATEWATCH_NOTIFY_TIMEOUT_MS"); t && std::atoi(t) > 0) {
      no.timeout = std::chrono::milliseconds(std::atoi(t));
    }
    notify = std::make_unique<NotifyRunner>(io, no, logger);
    tee->add_observer([n = notify.get()](const Event& e) { n->notify(e); });
  }
  net::ResolverOptions ro;
  ro.name_servers = options.dns_servers.empty() ? options.config.name_servers : options.dns_servers;
  auto r = net::Resolver::create(io, ro);
  if (!r) return fail("io", "resolver: " + r.error().message);
  resolver = std::move(*r);

  const auto& ua = options.config.sip_ua;
  for (const auto* t : {&ua.primary, &ua.secondary}) {
    if (!*t) continue;
    if ((*t)->transport == Transport::udp && (*t)->server.kind != config::SipServer::Kind::dns) {
      std::error_code ec;
      const auto a = asio::ip::make_address((*t)->server.host, ec);
      if (ec) continue;
      auto bound = udp.open(a);
      if (!bound) return fail("bind", "cannot bind UDP socket: " + bound.error().message);
    }
  }
  probe.reset(new net::SipProbeContext{io, *resolver, udp, counters, nullptr, "", rng});
  update_tls(options.config);
  timers = std::make_unique<net::WheelTimers>(io);
  probe->timers = timers.get();
  probe->debug = &debug_hub;
  if (auto b = bind_listeners(); !b) return b;

  auto* ctx = probe.get();
  services.push_back(std::make_unique<SipKeepaliveService>(
      io, options.config, options.time_scale,
      [ctx](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
        return std::make_unique<NetTargetProber>(*ctx, t);
      },
      [this] { return udp.counters(); }, *tee, logger));
  // In a cluster the dial-peer events carry `node` and are published (node_sink.hpp).
  const bool clustered = !options.config.cluster.endpoints.empty();
  NodeSink* node = nullptr;
  if (clustered) {
    auto ns = std::make_unique<NodeSink>(*tee, options.node);
    node = ns.get();
    node_sink = std::move(ns);
  }
  auto dial_peers = std::make_unique<DialPeerKeepaliveService>(
      io, options.config, options.time_scale,
      [ctx](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
        return std::make_unique<NetTargetProber>(*ctx, t);
      },
      node ? static_cast<EventSink&>(*node) : *tee, logger);
  std::unique_ptr<ClusterService> cluster;
  if (clustered) {
    cluster = std::make_unique<ClusterService>(
        io, options.config, options.node, *dial_peers, *tee, logger,
        [this]() -> const config::Config& { return live->live_config(); });
    node->set_observer([c = cluster.get()](const Event& e) { c->on_local_event(e); });
  }
  auto groups = std::make_unique<ServerGroupKeepaliveService>(
      io, options.config, options.time_scale,
      [ctx](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
        return std::make_unique<NetTargetProber>(*ctx, t);
      },
      *tee, logger);
  // Kamailio's dispatcher follows the dial-peers and the server-group members: it comes after
  // them (reconfigure order) and sees their events, the other nodes' included.
  auto kamailio = std::make_unique<KamailioDispatcherService>(
      io, options.config, *tee, logger,
      [d = dial_peers.get(), c = cluster.get()](long tag) {
        if (c)
          if (auto remote = c->remote_up(tag)) return *remote;
        return d->up(tag);
      },
      [g = groups.get()](const KamailioMember& m) {
        return g->member_up(m.group, m.address, m.transport);
      });
  tee->add_observer([k = kamailio.get()](const Event& e) { k->observe(e); });
  if (status) {
    status->set_dial_peer_verdict(
        [d = dial_peers.get(), g = groups.get(), c = cluster.get()](long tag) {
          if (const auto st = g->state(tag)) return *st != GroupPeerState::busyout;
          if (c)
            if (auto remote = c->remote_up(tag)) return *remote;
          return d->up(tag);
        });
    groups->set_peer_observer([s = status.get()](const ServerGroupPeerChange& c) {
      if (c.to == GroupPeerState::partial)
        s->board().set_partial(c.tag, std::string(c.address), std::string(to_string(c.transport)),
                               WallClock::now());
      else if (c.from == GroupPeerState::partial)
        s->board().clear_partial(c.tag);
    });
  }
  services.push_back(std::move(dial_peers));
  services.push_back(std::move(groups));
  if (cluster) services.push_back(std::move(cluster));
  services.push_back(std::make_unique<SccpService>(
      options.config, options.time_scale, net_sccp_runner_factory(io, resolver.get(), &debug_hub),
      *tee, logger, net::interface_ipv4));
  services.push_back(std::move(kamailio));
  if (auto l = open_live(); !l) return l;
  return Ok{};
}

// The live configuration, the control socket and SIGHUP reload (live_ops.hpp).
Status<> Daemon::Impl::open_live() {
  LiveHooks hooks;
  hooks.snapshot = [this] {
    DaemonSnapshot out;
    for (const auto& s : services) s->snapshot(out);
    return out;
  };
  hooks.reconfigure = [this](const config::Config& next, const ConfigDiff& diff) {
    update_tls(next, &diff.dial_peers);  // before the targets that may need it restart
    for (auto& s : services) s->reconfigure(next, diff);
    log_buffer.set_capacity(static_cast<std::size_t>(next.logging_buffered));
  };
  hooks.event_counts = [this] { return tee->counts().by_name; };
  hooks.exec.logging = [this] { return log_buffer.render(); };
  hooks.debug = &debug_hub;
  hooks.exec.clears.push_back(
      {"logging", {"Clear logging buffer"}, [this] { log_buffer.clear(); }});
  // The one whole copy of the configuration from now on: the live one.
  LiveOptions lo{std::move(options.config), options.config_path, options.control,
                 options.control_group};
  options.config = config::Config{};
  auto l = LiveOps::create(io, std::move(lo), std::move(hooks), *tee, logger);
  if (!l) return Unexpected<Error>{l.error()};
  live = std::move(*l);
  return Ok{};
}

// The TLS client context every TLS attempt uses (sip-ua targets and dial-peers): built when a
// configuration first needs TLS, rebuilt when `keepalive tls ca-file` changes. Attempts
// already running keep the context they started with.
void Daemon::Impl::update_tls(const config::Config& config,
                              const std::vector<long>* changed_dial_peers) {
  const auto& ua = config.sip_ua;
  if (tls_built && tls_ca_file == ua.tls_ca_file) return;  // the context in use fits
  bool need = tls_built;                                   // built for another CA file: rebuilt
  for (const auto* t : {&ua.primary, &ua.secondary})
    if (*t && (*t)->transport == Transport::tls) need = true;
  // Not built yet: no earlier configuration needed TLS, so only a changed dial-peer can (a
  // scan of every dial-peer on every reload would hold the io thread: docs/benchmarks.md).
  if (!need)
    need = changed_dial_peers ? dial_peers_need_tls(config, *changed_dial_peers)
                              : dial_peers_need_tls(config);
  if (!need) return;
  tls_built = true;
  tls_ca_file = ua.tls_ca_file;
  net::TlsOptions to;
  if (!ua.tls_ca_file.empty()) to.ca_file = ua.tls_ca_file;
  auto ctx = net::make_tls_client_context(to);
  if (ctx) {
    probe->tls = std::move(*ctx);
    probe->tls_error.clear();
  } else {
    probe->tls.reset();
    probe->tls_error = ctx.error().message;
    logger.log(3, "%SIP-3-TLS: cannot build TLS context: " + probe->tls_error);
  }
}

}  // namespace gw::daemon
