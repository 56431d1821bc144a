// `gatewatch run` from start to stop: create() and run(), SIGTERM/SIGINT, the orderly
// shutdown and the immediate stop. Building the pieces is wiring.cpp.
#include "daemon/daemon.hpp"

#include <fmt/format.h>
#include <malloc.h>

#include <asio/post.hpp>
#include <csignal>

#include "daemon/daemon_impl.hpp"
#include "ops/cpu_scheduling.hpp"

namespace gw::daemon {

namespace {
// The io thread's scheduler slice (cpu_scheduling.hpp); the kernel's smallest.
constexpr std::chrono::microseconds kIoThreadSlice{100};
}  // namespace

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
  // Loading and planning the configuration (text, parse tree and plan: large with many
  // dial-peers) left freed memory inside the heap; give its pages back before the long run.
  // Before the services start: their first attempts are timed from start(), and the trim takes
  // a while.
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

void Daemon::Impl::stop() {
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

void Daemon::request_stop() {
  asio::post(impl_->io, [d = impl_.get()] { d->stop(); });
}

DaemonSnapshot Daemon::snapshot() const {
  DaemonSnapshot out;
  for (const auto& s : impl_->services) s->snapshot(out);
  return out;
}

}  // namespace gw::daemon
