// SipKeepaliveService: IOS SIP OPTIONS keepalive of the sip-ua primary and secondary targets
// with busyout of the voice ports that have `busyout monitor keepalive`
// (reference/ios-keepalive.md, "SIP keepalive behaviour").
//
// Contract:
// - What runs comes from plan_sip_ua() (sip_ua_plan.hpp): its targets, its policy.
// - One keepalive::TargetSession and one TargetProber per planned target; start() begins
//   every target's first attempt at once (targets start up). After each attempt the session
//   says when the next one is due (end of attempt + active or down interval) and an Asio timer
//   starts it then. All protocol durations are multiplied by `time_scale`.
// - Emits sip.target.down (with reason) / sip.target.up when a target changes state, then
//   voice-port.busyout / voice-port.unbusy for each monitored port when the busy decision of
//   keepalive::BusyoutMonitor flips, each with an IOS-style log line; the wording of both is
//   report/sip_wording.hpp's. With a debug logger, one %SIP-7-KEEPALIVE_ATTEMPT line per
//   finished attempt.
// - stop() cancels every attempt and timer; nothing is emitted after it.
// - Keeps only its slice of the configuration (sip-ua and the voice ports), not a whole
//   config::Config (which may hold a large dial-peer table).
// - The io_context, sink, logger and whatever the factory's probers use must outlive the
//   service. Single-threaded (the io_context's thread).
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/liveness.hpp"
#include "config/model.hpp"
#include "keepalive/busyout.hpp"
#include "keepalive/target_session.hpp"
#include "ops/logger.hpp"
#include "report/event_sink.hpp"
#include "report/sip_wording.hpp"
#include "services/service.hpp"
#include "services/sip_ua/sip_ua_plan.hpp"
#include "services/target_prober.hpp"

namespace gw::daemon {

class SipKeepaliveService final : public Service {
 public:
  using CountersFn = std::function<sip::SipWireCounters()>;

  SipKeepaliveService(asio::io_context& io, const config::Config& config, double time_scale,
                      ProberFactory factory, CountersFn counters, EventSink& sink,
                      const Logger& logger);
  ~SipKeepaliveService() override;

  std::string_view name() const override { return "sip-keepalive"; }
  Status<> start() override;
  void stop() override;
  void snapshot(DaemonSnapshot& out) const override;
  // Live change / reload: restarts the targets the diff names (a fresh session, first attempt
  // at once), keeps the others' state and schedule; busies out or frees voice ports whose
  // `busyout monitor keepalive` changed while every target is down
  // (sip_keepalive_reconfigure.cpp).
  void reconfigure(const config::Config& next, const ConfigDiff& diff) override;

 private:
  struct Target {
    std::string role;
    config::KeepaliveTarget config;
    keepalive::TargetSession session;
    std::unique_ptr<TargetProber> prober;
    std::unique_ptr<asio::steady_timer> timer;
    bool probing = false;
    AttemptStats stats;
  };

  std::unique_ptr<Target> make_target(std::string_view role, const config::KeepaliveTarget& kt);
  void begin(Target& t, bool first);
  void on_result(Target& t, const keepalive::AttemptOutcome& outcome);
  void schedule(Target& t, TimePoint at);
  void update_busyout();
  void log_port(const config::VoicePortId& id, bool busy);  // the event and the log line
  void restart_target(std::string_view role, const std::optional<config::KeepaliveTarget>& target);

  asio::io_context& io_;
  config::SipUa ua_;
  std::map<config::VoicePortId, config::VoicePort> voice_ports_;
  double time_scale_;
  SipUaPlan plan_;
  ProberFactory factory_;
  CountersFn counters_;
  EventSink& sink_;
  const Logger& logger_;
  std::vector<std::unique_ptr<Target>> targets_;
  keepalive::BusyoutMonitor busyout_;
  bool running_ = false;
  Liveness alive_;
};

}  // namespace gw::daemon
