// SccpService: SCCP keepalive of the CallManagers of every `sccp ccm group`, with registration
// of the DSP farm profiles, switchover and switchback (reference/ios-keepalive.md, "SCCP
// keepalive behaviour"; the logic is sccp::GroupManager's, the wire is net::SccpGroupConnection's).
//
// Contract:
// - start(): when `sccp` is enabled, plans the groups (sccp_plan.hpp), logs each note
//   (%SCCP-4-CONFIG) and starts one runner per group from the factory; with `no sccp` it
//   starts nothing and says so once (%SCCP-5-ADMIN). Never fails on configuration content
//   (the config layer validated it); a second start() is Error{"state"}.
// - Each GroupEvent becomes one event on the sink (design.md names and fields) and one
//   IOS-style log line, in the order the group reported them. The wording of the events and of
//   every log line the service writes is report/sccp_wording.hpp's.
// - All protocol durations are multiplied by time_scale (also the intervals a CCM sends);
//   events and show commands report configured/received values unscaled.
// - stop() stops every runner (connections closed, timers cancelled); nothing is emitted after
//   it. Idempotent.
// - shutdown(done) (SIGTERM): every runner's shutdown() — registered devices send Unregister
//   and wait, bounded, for UnregisterAck — then the service is stopped and `done` called once.
//   Not running: stop() and `done` at once. stop() during it drops `done`.
// - reconfigure(next, diff) (live change, reload): re-plans with `next`; logs the planner's
//   notes that the previous plan did not have; then for each group in diff.sccp_groups, in
//   order: its runner (if any) is stopped and dropped, and a new one is started when the
//   group is still planned (it exists, has CCMs, and `sccp` is enabled) — one
//   %SCCP-6-GROUP line: "restarted", "started", "removed" (gone from the configuration) or
//   "stopped" (`no sccp`, or the planner skipped it). A group not in the diff keeps its runner
//   object: no new connection or Register, counters, state and KeepAlive schedule untouched.
//   `sccp` ↔ `no sccp` needs nothing special: config_diff.hpp names every group then.
//   Before start() it only stores `next`; after stop() it starts nothing.
// - snapshot() fills DaemonSnapshot::sccp (also with `no sccp`: admin state down) from the
//   latest configuration (devices, notes, `sccp ccm` lines); groups are in number order.
// - Memory: the service keeps only the SCCP part of the configuration (sccp_part()).
// - The sink and logger outlive the service. Single-threaded (the io_context's thread).
#pragma once
#include <asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/model.hpp"
#include "live/debug_hub.hpp"
#include "ops/logger.hpp"
#include "report/event_sink.hpp"
#include "report/ios_log.hpp"
#include "sccp/group_manager.hpp"
#include "sccp/wire_counters.hpp"
#include "services/sccp/sccp_plan.hpp"
#include "services/service.hpp"

namespace gw::net {
class Resolver;
}

namespace gw::daemon {

// One running `sccp ccm group`: net::SccpGroupConnection in the daemon, a fake in tests.
// Contract: events come through the EventsFn given to the factory, only between start() and
// stop() (start() itself may deliver some); never after stop(). shutdown(done): the orderly
// end (devices unregister, bounded wait), then stopped and `done` called once (the default:
// stop() and done at once); stop() during it drops `done`.
class SccpGroupRunner {
 public:
  using EventsFn = std::function<void(std::vector<sccp::GroupEvent>)>;
  virtual ~SccpGroupRunner() = default;
  virtual void start() = 0;
  virtual void stop() = 0;
  virtual void shutdown(std::function<void()> done) {
    stop();
    if (done) done();
  }
  virtual sccp::GroupSnapshot snapshot() const = 0;
  virtual sccp::SccpWireCounters counters() const = 0;
};

using SccpRunnerFactory = std::function<std::unique_ptr<SccpGroupRunner>(
    const sccp::GroupConfig& group, SccpGroupRunner::EventsFn on_events)>;

// Runners on the wire. Connect timeout: the group's scaled `keepalive timeout`, at least
// 100 ms; shutdown()'s wait for UnregisterAcks: 1 s scaled, at least 50 ms. resolver may be
// null (then only IP-literal CCMs connect).
// debug: `debug sccp keepalive` (may be null).
SccpRunnerFactory net_sccp_runner_factory(asio::io_context& io, net::Resolver* resolver,
                                          DebugHub* debug = nullptr);

class SccpService final : public Service {
 public:
  SccpService(const config::Config& config, double time_scale, SccpRunnerFactory factory,
              EventSink& sink, const Logger& logger, Ipv4Lookup lookup_ipv4 = {});
  ~SccpService() override;

  std::string_view name() const override { return "sccp"; }
  Status<> start() override;
  void stop() override;
  void shutdown(std::function<void()> done) override;
  void snapshot(DaemonSnapshot& out) const override;
  void reconfigure(const config::Config& next, const ConfigDiff& diff) override;

 private:
  struct Group {
    sccp::GroupConfig config;
    int configured_keepalive_s = sccp::ccm_group::kKeepaliveTimeout.default_value;
    std::unique_ptr<SccpGroupRunner> runner;
  };

  void start_group(const sccp::GroupConfig& gc, bool restarted);
  void restart_group(unsigned id);
  void on_events(const Group& g, const std::vector<sccp::GroupEvent>& events);

  config::Config config_;  // the SCCP part only (sccp_part)
  double time_scale_;
  SccpRunnerFactory factory_;
  EventSink& sink_;
  const Logger& logger_;
  Ipv4Lookup lookup_ipv4_;
  SccpPlan plan_;
  std::vector<std::unique_ptr<Group>> groups_;
  bool started_ = false;
  bool running_ = false;  // started and not stopped (also with `no sccp`)
};

}  // namespace gw::daemon
