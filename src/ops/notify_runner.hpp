// NotifyRunner: `gatewatch run --notify PROGRAM`. For every event, PROGRAM runs with the
// event's JSON line (event.hpp) on its stdin — e.g. to busy out Asterisk or FreeSWITCH
// channels (contrib/notify/asterisk-busyout.sh). No shell: PROGRAM is one path (or a name
// looked up in PATH), started with posix_spawn and no arguments.
// Contract:
// - notify() never blocks: it formats the line and starts PROGRAM at once when fewer than
//   max_running are running, else queues the line; with max_queue lines queued the event is
//   dropped and counted (stats().dropped). Events are handed out in order; with
//   max_running > 1 programs may run (and finish) concurrently.
// - Each program's stdin gets the line and is closed; its stdout and stderr are drained and
//   discarded through a fixed 4 KiB buffer (the first 200 bytes are kept for the log line of a
//   failure). After `timeout` the program's process group gets SIGKILL (counted timed_out).
// - A program that cannot be started, exits non-zero or dies of a signal is counted failed
//   and logged (%NOTIFY-4-...); the daemon goes on.
// - stop() drops the queue and SIGKILLs and reaps every running program; no callback runs
//   after it. Memory is bounded: max_queue lines (each at most one event) + max_running jobs.
// Single-threaded (the io_context's thread). The logger must outlive the runner.
#pragma once
#include <asio/io_context.hpp>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <string>

#include "base/time.hpp"
#include "ops/logger.hpp"
#include "render/metrics_text.hpp"
#include "report/event.hpp"

namespace gw::daemon {

struct NotifyOptions {
  std::string program;
  std::size_t max_running = 4;
  std::size_t max_queue = 256;
  Duration timeout = std::chrono::seconds(10);
};

class NotifyRunner {
 public:
  NotifyRunner(asio::io_context& io, NotifyOptions options, const Logger& logger);
  ~NotifyRunner();
  NotifyRunner(const NotifyRunner&) = delete;
  NotifyRunner& operator=(const NotifyRunner&) = delete;

  void notify(const Event& event);
  void stop();
  NotifyStats stats() const;

 private:
  struct Job;
  void start_job(std::string line, std::string event_name);
  void finish(const std::shared_ptr<Job>& job, int status);
  void poll(const std::shared_ptr<Job>& job);
  void drain(const std::shared_ptr<Job>& job);

  asio::io_context& io_;
  NotifyOptions options_;
  const Logger& logger_;
  std::deque<std::pair<std::string, std::string>> queue_;  // (line, event name)
  std::list<std::shared_ptr<Job>> running_;
  NotifyStats stats_;
  bool stopped_ = false;
};

}  // namespace gw::daemon
