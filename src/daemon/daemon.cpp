#include "daemon/daemon.hpp"

#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <asio/io_context.hpp>
#include <asio/ip/address.hpp>
#include <asio/post.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>
#include <csignal>
#include <cstdlib>
#include <random>

#include "net/resolver.hpp"
#include "net/sccp_connection.hpp"
#include "net/sip_prober.hpp"
#include "net/sip_udp_hub.hpp"
#include "net/tls_context.hpp"
#include "ops/cpu_scheduling.hpp"
#include "ops/json_lines_sink.hpp"
#include "ops/live_ops.hpp"
#include "ops/logger.hpp"
#include "ops/metrics_server.hpp"
#include "ops/notify_runner.hpp"
#include "ops/systemd_notify.hpp"
#include "report/event_sink.hpp"
#include "report/event_tee.hpp"
#include "services/dial_peer/dial_peer_keepalive_service.hpp"
#include "services/sccp/sccp_service.hpp"
#include "services/sip_ua/sip_keepalive_service.hpp"

namespace gw::daemon {

namespace {
// The io thread's scheduler slice (cpu_scheduling.hpp); the kernel's smallest.
constexpr std::chrono::microseconds kIoThreadSlice{100};
}  // namespace

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

struct Daemon::Impl {
  explicit Impl(DaemonOptions&& o)
      : options(std::move(o)),
        logger(options.log_file, options.debug),
        signals(io, SIGINT, SIGTERM),
        metrics_timer(io),
        shutdown_timer(io),
        // Answers to many probes are read at most once per ms (scaled with --time-scale, never
        // stretched): one wake-up for a burst instead of one per answer (udp_socket.hpp).
        udp(io, counters, scaled(std::chrono::milliseconds(1), std::min(1.0, options.time_scale))),
        rng(std::random_device{}()) {}

  DaemonOptions options;  // options.config is moved on into `live` by open_live()
  asio::io_context io;
  Logger logger;
  asio::signal_set signals;
  std::unique_ptr<EventSink> sink;
  std::unique_ptr<TeeSink> tee;  // the sink the services see: counts, observers, then `sink`
  std::unique_ptr<MetricsServer> metrics_server;
  std::unique_ptr<NotifyRunner> notify;      // --notify
  std::unique_ptr<SystemdNotifier> systemd;  // READY/WATCHDOG/STATUS when under systemd
  bool status_pending = false;
  asio::steady_timer metrics_timer;
  asio::steady_timer shutdown_timer;  // bounds shutdown_gracefully()
  net::SipWireCounters counters;
  net::SipUdpHub udp;
  std::unique_ptr<net::Resolver> resolver;
  std::mt19937_64 rng;
  std::unique_ptr<net::WheelTimers> timers;  // every prober's transaction timers
  std::unique_ptr<net::SipProbeContext> probe;
  std::unique_ptr<LiveOps> live;  // live config, control socket, reload (live_ops.hpp)
  std::vector<std::unique_ptr<Service>> services;
  bool stopping = false;
  bool shutting_down = false;  // shutdown_gracefully() is waiting for its services
  bool tls_built = false;      // update_tls(): probe->tls was built for tls_ca_file
  std::string tls_ca_file;

  Status<> open();
  void publish_metrics();
  DaemonSnapshot snapshot() const {
    DaemonSnapshot out;
    for (const auto& s : services) s->snapshot(out);
    return out;
  }
  // What metrics (every 100 ms) and the systemd status (per event) read: no per-dial-peer list.
  DaemonSnapshot summary() const {
    DaemonSnapshot out;
    for (const auto& s : services) s->summary(out);
    return out;
  }
  Status<> bind_listeners();
  Status<> open_live();
  // Builds the TLS client context when `config` first needs it, rebuilds it when the CA file
  // changed. changed_dial_peers: a reconfigure's diff (only those can newly need TLS); null:
  // every dial-peer is checked (start-up).
  void update_tls(const config::Config& config,
                  const std::vector<long>* changed_dial_peers = nullptr);
  void await_signal();
  void shutdown_gracefully();
  void stop() {
    if (stopping) return;
    stopping = true;
    for (auto& s : services) s->stop();
    std::error_code ignored;
    metrics_timer.cancel();
    shutdown_timer.cancel();
    if (notify) notify->stop();
    if (systemd) {
      systemd->stopping();
      systemd->stop();
    }
    if (live) live->stop();
    signals.cancel(ignored);
    io.stop();
  }
};

// Every 100 ms (wall time, not scaled), a copy of the state for the metrics server's thread.
void Daemon::Impl::publish_metrics() {
  if (!metrics_server || stopping) return;
  MetricsInput in;
  in.version = GW_VERSION;
  for (const auto& s : services) s->summary(in.snapshot);
  in.events = tee->counts();
  if (notify) in.notify = notify->stats();
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
    auto m = MetricsServer::start(hp->host, hp->port);
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
  if (auto b = bind_listeners(); !b) return b;

  auto* ctx = probe.get();
  services.push_back(std::make_unique<SipKeepaliveService>(
      io, options.config, options.time_scale,
      [ctx](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
        return std::make_unique<NetTargetProber>(*ctx, t);
      },
      [this] { return udp.counters(); }, *tee, logger));
  services.push_back(std::make_unique<DialPeerKeepaliveService>(
      io, options.config, options.time_scale,
      [ctx](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
        return std::make_unique<NetTargetProber>(*ctx, t);
      },
      *tee, logger));
  services.push_back(std::make_unique<SccpService>(options.config, options.time_scale,
                                                   net_sccp_runner_factory(io, resolver.get()),
                                                   *tee, logger, net::interface_ipv4));
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
  };
  hooks.event_counts = [this] { return tee->counts().by_name; };
  // The one whole copy of the configuration from now on: the live one.
  LiveOptions lo{std::move(options.config), options.config_path, options.control,
                 options.control_group};
  options.config = config::Config{};
  auto l = LiveOps::create(io, std::move(lo), std::move(hooks), *tee, logger);
  if (!l) return Unexpected<Error>{l.error()};
  live = std::move(*l);
  return Ok{};
}

Result<std::unique_ptr<Daemon>> Daemon::create(DaemonOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  if (auto s = impl->open(); !s) return Unexpected<Error>{s.error()};
  return std::unique_ptr<Daemon>(new Daemon(std::move(impl)));
}

Daemon::Daemon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Daemon::~Daemon() {
  impl_->stop();
  if (impl_->metrics_server) impl_->metrics_server->stop();
  impl_->services.clear();
}

Status<> Daemon::run() {
  Impl& d = *impl_;
  d.await_signal();
  // Loading and planning the configuration (100k dial-peers: tens of MB of text, parse tree and
  // plan) left freed memory inside the heap; give its pages back before the long run. Before
  // the services start: their first attempts are timed from start(), and the trim takes a while.
  malloc_trim(0);
  for (auto& s : d.services) {
    if (auto st = s->start(); !st) {
      d.stop();
      return st;
    }
  }
  d.publish_metrics();
  if (d.live) d.live->start();
  d.logger.log(5, "%SYS-5-RESTART: gatewatch daemon started");
  if (d.systemd->active()) d.systemd->ready(status_line(d.summary()));
  // This thread runs every timer: short scheduler slices let its wake-ups preempt batch work
  // on a busy host (the probe lateness of a 10k dial-peer run, docs/benchmarks.md).
  if (const auto slice = request_short_slice(kIoThreadSlice)) {
    d.logger.log(
        6, fmt::format("%GATEWATCH-6-SCHED: io thread scheduler slice {} us", slice->count()));
  } else {
    d.logger.log(7,
                 "%GATEWATCH-7-SCHED: the kernel has no per-thread scheduler slice (Linux < 6.12)");
  }
  d.io.run();
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
  // scan of 100k dial-peers on every reload cost ~10 ms of the io thread).
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

// SIGTERM/SIGINT: the orderly stop (SCCP devices unregister from their CallManager, see
// Service::shutdown), bounded by 1.5 s of scaled time (at least 100 ms); a second signal
// during it stops at once.
void Daemon::Impl::await_signal() {
  signals.async_wait([this](const std::error_code& ec, int signo) {
    if (ec) return;
    const char* name = signo == SIGTERM ? "SIGTERM" : "SIGINT";
    if (shutting_down) {
      logger.log(5, std::string("%SYS-5-RELOAD: ") + name + " received again, stopping now");
      stop();
      return;
    }
    logger.log(5, std::string("%SYS-5-RELOAD: ") + name + " received, stopping");
    await_signal();
    shutdown_gracefully();
  });
}

void Daemon::Impl::shutdown_gracefully() {
  if (stopping || shutting_down) return;
  shutting_down = true;
  if (systemd) systemd->stopping();
  const auto bound =
      std::max<Duration>(milliseconds(100), scaled(milliseconds(1500), options.time_scale));
  shutdown_timer.expires_after(bound);
  shutdown_timer.async_wait([this](const std::error_code& ec) {
    if (ec || stopping) return;
    logger.log(4, "%SYS-4-SHUTDOWN: services did not finish their orderly stop in time");
    stop();
  });
  auto pending = std::make_shared<std::size_t>(services.size());
  auto one_done = [this, pending] {
    if (--*pending == 0 && !stopping) stop();
  };
  if (services.empty()) return stop();
  for (auto& s : services) s->shutdown(one_done);
}

void Daemon::request_stop() {
  asio::post(impl_->io, [d = impl_.get()] { d->stop(); });
}

DaemonSnapshot Daemon::snapshot() const {
  DaemonSnapshot out;
  for (const auto& s : impl_->services) s->snapshot(out);
  return out;
}

}  // namespace gw::daemon
