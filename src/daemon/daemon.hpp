// Daemon: `gatewatch run` — the io_context, the services, the event sink, signals.
//
// Contract:
// - create(options) builds everything that can fail before running: opens the events file,
//   the resolver, the UDP sockets of the literal UDP targets' families, binds --control and
//   --metrics. Failure is an Error whose code is "bind" or "io" (exit 3 for the caller).
// - run() starts the services (SIP keepalive of sip-ua and dial-peers, SCCP), then runs the
//   io_context on the calling thread until SIGTERM/SIGINT or request_stop(): every service is
//   stopped, sockets closed, and run() returns promptly (well within 1 s).
// - snapshot() gathers the services' snapshots (show commands); io_context thread only.
// - Events go to the sink (one JSON line each); IOS-style log lines to stderr.
// - The configuration is held once: create() takes the options by value (move them in), each
//   service keeps only its slice of it, and the whole Config moves on into the live
//   configuration (live_ops.hpp).
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/model.hpp"
#include "report/event.hpp"
#include "report/snapshot.hpp"

namespace gw::daemon {

struct DaemonOptions {
  config::Config config;
  std::string events;         // "" none, "-" stdout, else a file (appended)
  std::string control;        // unix socket path, "" none
  std::string control_group;  // --control-group: socket 0660 and this group ("" owner only)
  std::string config_path;    // the -c file: SIGHUP reload and `write memory` ("" none)
  std::string metrics;        // "host:port", "" none
  double time_scale = 1.0;
  std::string node;  // --node: this node's name in a cluster ("" : the host name)
  std::vector<std::string> dns_servers;  // overrides `ip name-server` when non-empty
  bool debug = false;                    // severity-7 log lines (per attempt)
  std::string notify;  // --notify PROGRAM: run for every event, JSON line on stdin; "" none
  std::FILE* log_file = stderr;  // IOS-style log lines; nullptr: none (the demo's timeline)
  // Called on the io_context thread for every event, after --events got it (demo timeline).
  std::vector<std::function<void(const Event&)>> observers;
};

class Daemon {
 public:
  static Result<std::unique_ptr<Daemon>> create(DaemonOptions options);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  Status<> run();
  void request_stop();
  DaemonSnapshot snapshot() const;

  struct Impl;

 private:
  explicit Daemon(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Parses "host:port" / "[v6]:port" for --metrics; nullopt when malformed.
struct HostPort {
  std::string host;
  std::uint16_t port = 0;
};
std::optional<HostPort> parse_host_port(const std::string& text);

}  // namespace gw::daemon
