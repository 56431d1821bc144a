// Daemon::Impl, the state of `gatewatch run`, shared by the files of src/daemon/:
// wiring.cpp builds it from DaemonOptions (sinks, resolver, probe context, the services, the
// live configuration); daemon.cpp runs it and stops it (signals, orderly shutdown).
// Members are used on the io_context thread only; other threads reach it through asio::post.
#pragma once
#include <algorithm>
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>
#include <csignal>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "config/model.hpp"
#include "daemon/daemon.hpp"
#include "http/metrics_server.hpp"
#include "http/status_endpoints.hpp"
#include "live/debug_hub.hpp"
#include "live/log_buffer.hpp"
#include "net/resolver.hpp"
#include "net/sip_prober.hpp"
#include "net/sip_udp_hub.hpp"
#include "net/wheel_timers.hpp"
#include "ops/live_ops.hpp"
#include "ops/logger.hpp"
#include "ops/notify_runner.hpp"
#include "ops/systemd_notify.hpp"
#include "report/event_sink.hpp"
#include "report/event_tee.hpp"
#include "services/service.hpp"
#include "sip/wire_counters.hpp"

namespace gw::daemon {

struct Daemon::Impl {
  explicit Impl(DaemonOptions&& o)
      : options(std::move(o)),
        log_buffer(static_cast<std::size_t>(options.config.logging_buffered)),
        logger(options.log_file, options.debug),
        signals(io, SIGINT, SIGTERM),
        metrics_timer(io),
        shutdown_timer(io),
        // Answers to many probes are read at most once per ms (scaled with --time-scale, never
        // stretched): one wake-up for a burst instead of one per answer (udp_socket.hpp).
        udp(io, counters, scaled(std::chrono::milliseconds(1), std::min(1.0, options.time_scale))),
        rng(std::random_device{}()) {
    logger.set_buffer(&log_buffer);
  }

  DaemonOptions options;  // options.config is moved on into `live` by open_live()
  asio::io_context io;
  LogBuffer log_buffer;  // `logging buffered`, `show logging` (before the logger that feeds it)
  DebugHub debug_hub;    // `debug ...`, `terminal monitor`: outlives the taps and the consoles
  Logger logger;
  asio::signal_set signals;
  std::unique_ptr<EventSink> sink;
  std::unique_ptr<TeeSink> tee;  // the sink the services see: counts, observers, then `sink`
  std::unique_ptr<StatusEndpoints> status;  // the status page; outlives metrics_server
  std::unique_ptr<MetricsServer> metrics_server;
  std::unique_ptr<NotifyRunner> notify;      // --notify
  std::unique_ptr<SystemdNotifier> systemd;  // READY/WATCHDOG/STATUS when under systemd
  bool status_pending = false;
  asio::steady_timer metrics_timer;
  asio::steady_timer shutdown_timer;  // bounds shutdown_gracefully()
  sip::SipWireCounters counters;
  net::SipUdpHub udp;
  std::unique_ptr<net::Resolver> resolver;
  std::mt19937_64 rng;
  std::unique_ptr<net::WheelTimers> timers;  // every prober's transaction timers
  std::unique_ptr<net::SipProbeContext> probe;
  std::unique_ptr<EventSink> node_sink;  // in a cluster: what the dial-peer service writes to
  std::unique_ptr<LiveOps> live;         // live config, control socket, reload (live_ops.hpp)
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
  // Stops everything at once: services, timers, operators' pieces, the io_context.
  void stop();
};

}  // namespace gw::daemon
