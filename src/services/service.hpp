// Service: one keepalive application of the daemon (the sip-ua targets, the dial-peers, the
// SCCP CallManager groups, each a Service of its own).
// Contract: the daemon creates its services, start()s them once on the io_context's thread,
// reads their state with snapshot() (show commands, metrics) and stop()s them once on shutdown.
// start() returns an Error (code "bind", "config", ...) when the service cannot run; stop()
// cancels every timer and socket of the service so that io_context::run() can return, and
// emits nothing. reconfigure(next, diff) makes `next` the service's configuration while it runs
// and restarts only what `diff` names (config_diff.hpp); the default ignores changes.
// shutdown(done) is the orderly stop for SIGTERM (e.g. SCCP devices unregister, with a bounded
// wait): the service stops itself, then calls `done` once; the default is stop() and done.
// Single-threaded (the io_context's thread).
#pragma once
#include <functional>
#include <string_view>

#include "base/result.hpp"
#include "config/config_diff.hpp"
#include "config/model.hpp"
#include "report/snapshot.hpp"

namespace gw::daemon {

class Service {
 public:
  virtual ~Service() = default;
  virtual std::string_view name() const = 0;
  virtual Status<> start() = 0;
  virtual void stop() = 0;
  // Fills this service's part of the daemon snapshot.
  virtual void snapshot(DaemonSnapshot& out) const = 0;
  // The part of it that metrics and the service manager's status read, often: it must not
  // grow with the number of dial-peers (no per-dial-peer list). The default is snapshot().
  virtual void summary(DaemonSnapshot& out) const { snapshot(out); }
  virtual void reconfigure(const config::Config& /*next*/, const ConfigDiff& /*diff*/) {}
  virtual void shutdown(std::function<void()> done) {
    stop();
    if (done) done();
  }
};

}  // namespace gw::daemon
