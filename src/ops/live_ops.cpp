// g++ 12 false -Wmaybe-uninitialized on variants holding strings (see sccp/ccm_session.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "ops/live_ops.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <asio/post.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>

#include "config/line_reader.hpp"
#include "config/render.hpp"
#include "ops/fd_source.hpp"
#include "ops/persist.hpp"
#include "ops/system_info.hpp"

namespace gw::daemon {

config::LoadResult load_config_file(const std::string& path) {
  const int fd = path == "-" ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    config::LoadResult r;
    r.errors.push_back({0, 0, false, "% Cannot open " + path + ": " + std::strerror(errno), ""});
    return r;
  }
  FdSource source(fd);
  config::LineReader reader(source);
  auto loaded = config::load_config(reader, config::LoadMode::strict);
  if (fd != 0) ::close(fd);
  return loaded;
}

std::string first_error_line(const std::string& path, const config::LoadResult& r) {
  if (r.errors.empty()) return {};
  const auto& d = r.errors.front();
  if (d.line == 0) return d.message;
  return path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
}

LiveOps::LiveOps(asio::io_context& io, LiveOptions options, LiveHooks hooks, EventSink& sink,
                 const Logger& logger)
    : io_(io),
      options_(std::move(options)),
      hooks_(std::move(hooks)),
      sink_(sink),
      logger_(logger),
      live_(std::make_shared<const config::Config>(std::move(options_.initial))),
      sighup_(io, SIGHUP) {
  options_.initial = config::Config{};
}

LiveOps::~LiveOps() {
  stop();
  alive_.renew();  // a result the worker posts from now on is dropped
  if (worker_) worker_->join();
}

Result<std::unique_ptr<LiveOps>> LiveOps::create(asio::io_context& io, LiveOptions options,
                                                 LiveHooks hooks, EventSink& sink,
                                                 const Logger& logger) {
  std::unique_ptr<LiveOps> ops(new LiveOps(io, std::move(options), std::move(hooks), sink, logger));
  if (!ops->options_.control_path.empty()) {
    ControlServer::Options co;
    co.path = ops->options_.control_path;
    if (!ops->options_.control_group.empty()) {
      co.group = lookup_group(ops->options_.control_group);
      if (!co.group) return fail("bind", "unknown control group " + ops->options_.control_group);
    }
    auto c = ControlServer::bind(io, co, *ops, logger);
    if (!c) return Unexpected<Error>{c.error()};
    ops->control_ = std::move(*c);
  }
  return ops;
}

void LiveOps::start() {
  if (control_) control_->start();
  wait_for_sighup();
}

void LiveOps::stop() {
  if (stopped_) return;
  stopped_ = true;
  std::error_code ignored;
  sighup_.cancel(ignored);
  if (control_) control_->stop();
}

void LiveOps::wait_for_sighup() {
  sighup_.async_wait([this](const std::error_code& ec, int) {
    if (ec || stopped_) return;
    reload();
    wait_for_sighup();
  });
}

namespace {
using Clock = std::chrono::steady_clock;
long ms_between(Clock::time_point a, Clock::time_point b) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count());
}
// CPU time of the calling thread, in microseconds (what the work cost, whatever the load).
long thread_cpu_us() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<long>(ts.tv_sec) * 1000000L + ts.tv_nsec / 1000;
}
}  // namespace

struct LiveOps::ReloadResult {
  ConfigPtr base;  // the live config the worker diffed against
  config::LoadResult loaded;
  ConfigDiff diff;
  Clock::time_point started, read;  // SIGHUP handled; the worker done
  long worker_cpu_us = 0;           // the worker's CPU time for it
};

void LiveOps::reload() {
  const std::string& path = options_.config_path;
  if (path.empty() || path == "-") {
    logger_.log(4, "%SYS-4-CONFIG: SIGHUP ignored: the configuration was not read from a file");
    return;
  }
  if (reloading_) {  // one more after the one on the worker, against its result
    reload_again_ = true;
    return;
  }
  reloading_ = true;
  if (!worker_) worker_.emplace(1);
  auto r = std::make_shared<ReloadResult>();
  r->base = live_;
  r->started = Clock::now();
  Liveness::Token alive = alive_.token();
  asio::post(*worker_, [this, r, alive, path] {
    // The worker yields the CPU to the io thread: on a busy host a reload competing at the same
    // priority makes probes late.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 19);
    const long cpu0 = thread_cpu_us();
    r->loaded = load_config_file(path);
    if (r->loaded.ok()) r->diff = diff_config(*r->base, r->loaded.config);
    r->read = Clock::now();
    r->worker_cpu_us = thread_cpu_us() - cpu0;
    // io_ outlives the worker: the destructor joins it before anything is freed.
    asio::post(io_, [this, r, alive] {
      if (!alive.expired()) finish_reload(*r);
    });
  });
}

void LiveOps::finish_reload(ReloadResult& r) {
  reloading_ = false;
  if (stopped_) return;
  const std::string& path = options_.config_path;
  if (!r.loaded.ok()) {
    ++counters_.reloads_rejected;
    const std::string error = first_error_line(path, r.loaded);
    Event rejected;
    rejected.name = "config.rejected";
    rejected.with("error", error);
    sink_.emit(rejected);
    logger_.log(
        3, "%SYS-3-CONFIG: reload of " + path + " rejected, running configuration kept: " + error);
  } else {
    const auto t0 = Clock::now();
    const long cpu0 = thread_cpu_us();
    ++counters_.reloads_applied;
    Event applied;
    applied.name = "config.applied";
    sink_.emit(applied);
    // A console change between SIGHUP and now: the worker's diff is against an older config.
    if (r.base != live_) r.diff = diff_config(*live_, r.loaded.config);
    r.base.reset();  // the old live config's last holder is then live_ (freed on the worker)
    const std::size_t lines = r.loaded.lines;
    install(std::move(r.loaded.config), r.diff);
    const long apply_cpu_us = thread_cpu_us() - cpu0;
    logger_.log(
        5, fmt::format(
               "%SYS-5-CONFIG: reloaded {} ({} lines read, checked and diffed in {} ms ({} ms CPU) "
               "off the io thread, applied in {} ms ({} us CPU) on it)",
               path, lines, ms_between(r.started, r.read), r.worker_cpu_us / 1000,
               ms_between(t0, Clock::now()), apply_cpu_us));
  }
  r.base.reset();
  r.loaded = config::LoadResult{};
  if (reload_again_) {
    reload_again_ = false;
    reload();
  }
}

void LiveOps::install(config::Config&& next, const ConfigDiff& diff) {
  ConfigPtr old = std::exchange(live_, std::make_shared<const config::Config>(std::move(next)));
  ++generation_;
  if (!diff.empty()) logger_.log(5, "%SYS-5-CONFIG_I: restarting " + describe(diff));
  // Also with nothing to restart: the services take the new configuration for their show
  // commands (e.g. a `sccp ccm` line no group names yet appears in `show sccp`).
  if (hooks_.reconfigure) hooks_.reconfigure(*live_, diff);
  // Freeing a large configuration is work the io thread need not do: on the worker when there
  // is one.
  if (worker_ && old.use_count() == 1)
    asio::post(*worker_, [old = std::move(old)]() mutable { old.reset(); });
}

void LiveOps::apply_config(const config::Config& next) {
  const ConfigDiff diff = diff_config(*live_, next);
  install(config::Config(next), diff);
}

void LiveOps::apply(const config::Config& next) {
  ++counters_.live_changes;
  logger_.log(5, "%SYS-5-CONFIG_I: Configured from console by control socket");
  apply_config(next);
}

DaemonSnapshot LiveOps::live_snapshot() const {
  DaemonSnapshot s = hooks_.snapshot ? hooks_.snapshot() : DaemonSnapshot{};
  baseline_.apply(s);  // what `clear` reset (the metrics keep the raw counters)
  return s;
}

std::string LiveOps::statistics() const {
  StatisticsInput in;
  in.uptime =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
  if (hooks_.event_counts) in.events = hooks_.event_counts();
  in.snapshot = live_snapshot();
  if (control_) in.control = control_->counters();
  in.config = counters_;
  return render_show_gatewatch_statistics(in);
}

Status<> LiveOps::save() {
  const std::string& path = options_.config_path;
  if (path.empty() || path == "-")
    return fail("io", "% No configuration file to write (the daemon read stdin).");
  auto st = config::save_file_atomically(path, config::render_running_config(*live_));
  if (!st) return fail("io", "% Cannot write " + path + ": " + st.error().message);
  ++counters_.saves;
  return Ok{};
}

config::ExecHooks LiveOps::exec_hooks() {
  auto version = [this] {
    VersionInfo v;
    v.version = gatewatch_version();
    v.build = gatewatch_build();
    v.hostname = live_->hostname;
    v.uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                started_);
    v.config_file = options_.config_path == "-" ? "" : options_.config_path;
    v.process = "gatewatch run";
    return v;
  };
  config::ExecHooks h =
      system_exec_hooks([this] { return save(); }, options_.config_path, std::move(version));
  h.logging = hooks_.exec.logging;
  h.clears = hooks_.exec.clears;
  h.clears.push_back({"sip-ua statistics",
                      {"SIP User Agent", "Keepalive attempts, failures and wire counters"},
                      [this] {
                        if (hooks_.snapshot) baseline_.clear_sip_ua(hooks_.snapshot());
                      }});
  return h;
}

}  // namespace gw::daemon
