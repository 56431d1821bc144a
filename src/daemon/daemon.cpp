#include "daemon/daemon.hpp"

#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/local/stream_protocol.hpp>
#include <asio/post.hpp>
#include <asio/signal_set.hpp>
#include <unistd.h>

#include <csignal>
#include <random>

#include "daemon/event_sink.hpp"
#include "daemon/ios_log.hpp"
#include "daemon/sip_keepalive_service.hpp"
#include "net/resolver.hpp"
#include "net/sip_prober.hpp"
#include "net/sip_udp_hub.hpp"
#include "net/tls_context.hpp"

namespace gw::daemon {

std::optional<HostPort> parse_host_port(const std::string& text) {
  std::string host;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
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
  explicit Impl(const DaemonOptions& o)
      : options(o),
        logger(stderr, o.debug),
        signals(io, SIGINT, SIGTERM),
        udp(io, counters),
        rng(std::random_device{}()) {}

  DaemonOptions options;
  asio::io_context io;
  Logger logger;
  asio::signal_set signals;
  std::unique_ptr<EventSink> sink;
  net::SipWireCounters counters;
  net::SipUdpHub udp;
  std::unique_ptr<net::Resolver> resolver;
  std::mt19937_64 rng;
  std::unique_ptr<net::SipProbeContext> probe;
  std::optional<asio::ip::tcp::acceptor> metrics;
  std::optional<asio::local::stream_protocol::acceptor> control;
  std::vector<std::unique_ptr<Service>> services;
  bool stopping = false;

  Status<> open();
  Status<> bind_listeners();
  void stop() {
    if (stopping) return;
    stopping = true;
    for (auto& s : services) s->stop();
    std::error_code ignored;
    if (metrics) metrics->close(ignored);
    if (control) {
      control->close(ignored);
      ::unlink(options.control.c_str());
    }
    signals.cancel(ignored);
    io.stop();
  }
  // Placeholders until the control socket and metrics land: accept and close.
  template <class Acceptor>
  void accept_and_close(Acceptor& a) {
    a.async_accept([this, &a](const std::error_code& ec, auto socket) {
      if (ec || stopping) return;
      std::error_code ignored;
      socket.close(ignored);
      accept_and_close(a);
    });
  }
};

Status<> Daemon::Impl::bind_listeners() {
  std::error_code ec;
  if (!options.metrics.empty()) {
    auto hp = parse_host_port(options.metrics);
    if (!hp) return fail("bind", "bad --metrics address " + options.metrics);
    asio::ip::tcp::endpoint ep(asio::ip::make_address(hp->host), hp->port);
    metrics.emplace(io);
    metrics->open(ep.protocol(), ec);
    if (!ec) metrics->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) metrics->bind(ep, ec);
    if (!ec) metrics->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("bind", "cannot bind metrics " + options.metrics + ": " + ec.message());
    accept_and_close(*metrics);
  }
  if (!options.control.empty()) {
    control.emplace(io);
    control->open(asio::local::stream_protocol(), ec);
    if (!ec) control->bind(asio::local::stream_protocol::endpoint(options.control), ec);
    if (!ec) control->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("bind", "cannot bind control socket " + options.control + ": " + ec.message());
    accept_and_close(*control);
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
  net::ResolverOptions ro;
  ro.name_servers = options.dns_servers.empty() ? options.config.name_servers : options.dns_servers;
  auto r = net::Resolver::create(io, ro);
  if (!r) return fail("io", "resolver: " + r.error().message);
  resolver = std::move(*r);

  const auto& ua = options.config.sip_ua;
  std::shared_ptr<asio::ssl::context> tls;
  std::string tls_error;
  bool need_tls = false;
  for (const auto* t : {&ua.primary, &ua.secondary}) {
    if (!*t) continue;
    if ((*t)->transport == Transport::tls) need_tls = true;
    if ((*t)->transport == Transport::udp && (*t)->server.kind != config::SipServer::Kind::dns) {
      std::error_code ec;
      const auto a = asio::ip::make_address((*t)->server.host, ec);
      if (ec) continue;
      auto bound = udp.open(a);
      if (!bound) return fail("bind", "cannot bind UDP socket: " + bound.error().message);
    }
  }
  if (need_tls) {
    net::TlsOptions to;
    if (!ua.tls_ca_file.empty()) to.ca_file = ua.tls_ca_file;
    auto ctx = net::make_tls_client_context(to);
    if (ctx) {
      tls = std::move(*ctx);
    } else {
      tls_error = ctx.error().message;
      logger.log(3, "%SIP-3-TLS: cannot build TLS context: " + tls_error);
    }
  }
  probe.reset(new net::SipProbeContext{io, *resolver, udp, counters, tls, tls_error, rng});
  if (auto b = bind_listeners(); !b) return b;

  auto* ctx = probe.get();
  services.push_back(std::make_unique<SipKeepaliveService>(
      io, options.config, options.time_scale,
      [ctx](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
        return std::make_unique<NetTargetProber>(*ctx, t);
      },
      [this] { return udp.counters(); }, *sink, logger));
  return Ok{};
}

Result<std::unique_ptr<Daemon>> Daemon::create(const DaemonOptions& options) {
  auto impl = std::make_unique<Impl>(options);
  if (auto s = impl->open(); !s) return Unexpected<Error>{s.error()};
  return std::unique_ptr<Daemon>(new Daemon(std::move(impl)));
}

Daemon::Daemon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Daemon::~Daemon() {
  impl_->stop();
  impl_->services.clear();
}

Status<> Daemon::run() {
  Impl& d = *impl_;
  d.signals.async_wait([&d](const std::error_code& ec, int signo) {
    if (ec) return;
    d.logger.log(5, signo == SIGTERM ? "%SYS-5-RELOAD: SIGTERM received, stopping"
                                     : "%SYS-5-RELOAD: SIGINT received, stopping");
    d.stop();
  });
  for (auto& s : d.services) {
    if (auto st = s->start(); !st) {
      d.stop();
      return st;
    }
  }
  d.logger.log(5, "%SYS-5-RESTART: gatewatch daemon started");
  d.io.run();
  return Ok{};
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
