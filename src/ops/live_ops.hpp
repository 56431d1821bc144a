// LiveOps: the daemon's operations side — the ONE live configuration, the control socket, live
// configuration changes, `write memory`, and reload on SIGHUP.
//
// Contract:
// - create() binds the control socket when a path is given (Error{"bind"} otherwise: unknown
//   group, in use, cannot bind). start() accepts clients and waits for SIGHUP; stop() closes
//   the socket and cancels the signal wait (idempotent).
// - apply_config(next) is the one way a configuration becomes live (console and reload): it
//   diffs the live config against `next` (config_diff.hpp), makes `next` live, and calls
//   hooks.reconfigure with the diff (also an empty one: services refresh what their show
//   commands print). Untouched targets, ports and groups keep their state and schedule.
// - reload() (SIGHUP) re-reads the -c file with load_config_file(): invalid → event
//   `config.rejected` with `error` = the first diagnostic "FILE:LINE:COL: % message", a log
//   line, the live config stays whole; valid → event `config.applied`, then the new config is
//   made live as apply_config() does. Reading, parsing, validating and diffing run on a
//   worker thread at nice 19 (a large file takes long enough that the probes must not wait);
//   the worker diffs against an immutable copy of the live config taken at SIGHUP, posts the
//   result back, and only the swap and the services' reconfigure run on the io_context's
//   thread (the diff is redone there if a console change came in meanwhile). The replaced
//   config is freed on the worker too. A SIGHUP during a reload runs one more reload after
//   it. The log line says how long each side took. stop()/the destructor wait for a reload
//   being read.
// - save() (`write memory`) renders the live config into the -c file with
//   save_file_atomically() (temp, fsync, rename, previous file kept as FILE.bak).
// - The live config is held once (LiveOptions::initial is moved in, not copied).
// Single-threaded (the io_context's thread) but for the reload worker, which touches only its
// own copies. Sink and logger outlive it.
#pragma once
#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>
#include <asio/thread_pool.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/liveness.hpp"
#include "config/config_diff.hpp"
#include "config/loader.hpp"
#include "live/show_baseline.hpp"
#include "ops/control_server.hpp"
#include "ops/live_console.hpp"
#include "render/show_statistics.hpp"
#include "report/event_sink.hpp"

namespace gw::daemon {

// Reads and strictly loads a configuration file ("-" = stdin). A file that cannot be opened is
// one diagnostic at line 0 ("% Cannot open FILE: reason"). Used by `run` at startup and reload.
config::LoadResult load_config_file(const std::string& path);

// "FILE:LINE:COL: % message" (no newline) for the first error of a rejected load.
std::string first_error_line(const std::string& path, const config::LoadResult& r);

struct LiveHooks {
  std::function<DaemonSnapshot()> snapshot;
  std::function<void(const config::Config&, const ConfigDiff&)> reconfigure;
  std::function<std::map<std::string, std::uint64_t>()> event_counts;  // may be empty
  // `show logging` and the `clear` commands, from the daemon (save, startup, version and clock
  // are LiveOps' own).
  config::ExecHooks exec;
  DebugHub* debug = nullptr;  // `debug ...` and `terminal monitor` on the control socket
};

struct LiveOptions {
  config::Config initial;     // moved into the live config
  std::string config_path;    // the -c file: reload and write memory ("" or "-": neither)
  std::string control_path;   // "" none
  std::string control_group;  // "" owner only
};

class LiveOps final : public LiveContext {
 public:
  static Result<std::unique_ptr<LiveOps>> create(asio::io_context& io, LiveOptions options,
                                                 LiveHooks hooks, EventSink& sink,
                                                 const Logger& logger);
  ~LiveOps() override;

  void start();
  void stop();
  void reload();
  void apply_config(const config::Config& next);

  // LiveContext
  const config::Config& live_config() const override { return *live_; }
  std::uint64_t config_generation() const override { return generation_; }
  void apply(const config::Config& next) override;
  DaemonSnapshot live_snapshot() const override;
  std::string statistics() const override;
  Status<> save() override;
  config::ExecHooks exec_hooks() override;
  DebugHub* debug_hub() override { return hooks_.debug; }

 private:
  LiveOps(asio::io_context& io, LiveOptions options, LiveHooks hooks, EventSink& sink,
          const Logger& logger);
  void wait_for_sighup();
  using ConfigPtr = std::shared_ptr<const config::Config>;
  struct ReloadResult;  // what the worker posts back (live_ops.cpp)
  void finish_reload(ReloadResult& r);
  void install(config::Config&& next, const ConfigDiff& diff);  // the swap + reconfigure

  asio::io_context& io_;
  LiveOptions options_;  // `initial` moved out into live_
  LiveHooks hooks_;
  EventSink& sink_;
  const Logger& logger_;
  ConfigPtr live_;                // never null; replaced whole, never changed in place
  std::uint64_t generation_ = 0;  // ++ each time live_ is replaced
  asio::signal_set sighup_;
  std::unique_ptr<ControlServer> control_;
  ConfigCounters counters_;
  ShowBaseline baseline_;  // `clear sip-ua statistics`
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  bool stopped_ = false;
  bool reloading_ = false;     // a reload is on the worker
  bool reload_again_ = false;  // SIGHUP came meanwhile
  Liveness alive_;
  std::optional<asio::thread_pool> worker_;  // one thread, made at the first reload; last member
};

}  // namespace gw::daemon
