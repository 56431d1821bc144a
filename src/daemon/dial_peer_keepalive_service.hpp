// DialPeerKeepaliveService: CUBE dial-peer OPTIONS keepalive (reference/ios-keepalive.md,
// "Dial-peer OPTIONS keepalive (CUBE)") for every dial-peer plan_dial_peers() selects.
//
// Contract:
// - The same state machine as sip-ua targets: one keepalive::TargetSession per dial-peer (trigger
//   1, see dial_peer_plan.hpp) and one TargetProber from the same factory as sip-ua targets (the
//   same net::SipProber engine, sharing the daemon's UDP hub). 503, 505 and no answer are
//   failures; any other final response (404 included) keeps the dial-peer active. A down
//   (busied-out) dial-peer keeps being probed at its down-interval.
// - Timers: every dial-peer's next attempt lives in ONE keepalive::TimerWheel (1 ms ticks)
//   driven by ONE asio timer, so scheduling costs O(1) whatever the number of dial-peers.
// - Start-up: first attempts are spread evenly over min(up-interval, N ms) — at most ~1000
//   first probes per millisecond-long stretch — instead of N sends at once.
// - Emits dial-peer.down (with reason) / dial-peer.up (design.md) with an IOS-style log line
//   (%SIP-5-DIALPEER_KEEPALIVE). With a debug logger, one %SIP-7-DIALPEER_ATTEMPT per attempt.
// - Records the lateness of every attempt start versus its scheduled time (snapshot();
//   logged by stop() as %GATEWATCH-6-DIALPEER_STATS for the scale benchmark).
// - stop() cancels every attempt and the timer; nothing is emitted after it.
// - The io_context, sink, logger and the probers' context must outlive the service.
//   Single-threaded (the io_context's thread).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>

#include "config/model.hpp"
#include "daemon/dial_peer_plan.hpp"
#include "daemon/event_sink.hpp"
#include "daemon/ios_log.hpp"
#include "daemon/lateness_histogram.hpp"
#include "daemon/service.hpp"
#include "daemon/target_prober.hpp"
#include "keepalive/target_session.hpp"
#include "keepalive/timer_wheel.hpp"

namespace gw::daemon {

class DialPeerKeepaliveService final : public Service {
 public:
  DialPeerKeepaliveService(asio::io_context& io, const config::Config& config, double time_scale,
                           ProberFactory factory, EventSink& sink, const Logger& logger);
  ~DialPeerKeepaliveService() override;

  std::string_view name() const override { return "dial-peer-keepalive"; }
  Status<> start() override;
  void stop() override;
  void snapshot(DaemonSnapshot& out) const override;

  std::size_t probed() const { return peers_.size(); }

 private:
  struct Peer {  // compact: the plan entry holds the configuration
    keepalive::TargetSession session;
    std::unique_ptr<TargetProber> prober;
    TimePoint due{};
    keepalive::TimerWheel::Handle timer;
    bool probing = false;
  };

  void begin(std::uint32_t index, TimePoint due);
  void on_result(std::uint32_t index, const keepalive::AttemptOutcome& outcome);
  void schedule(std::uint32_t index, TimePoint at);
  void on_tick();
  void rearm();

  // What snapshot() needs of the configuration, kept small (no copy of the whole Config: at
  // 100k dial-peers every copy costs ~200 bytes per dial-peer).
  struct OtherPeer {  // a dial-peer that is not probed
    long tag;
    std::string session_target;
    std::string description;
    bool admin_up;
    int profile;
    Transport transport;
  };

  asio::io_context& io_;
  std::map<int, config::OptionsKeepaliveProfile> profiles_;
  std::vector<OtherPeer> others_;  // by tag
  double time_scale_;
  DialPeerPlan plan_;
  ProberFactory factory_;
  EventSink& sink_;
  const Logger& logger_;
  std::vector<Peer> peers_;  // index = plan_.probes index
  std::optional<keepalive::TimerWheel> wheel_;
  asio::steady_timer tick_timer_;
  std::optional<TimePoint> armed_for_;
  LatenessHistogram lateness_;
  std::uint64_t probes_ = 0;
  bool running_ = false;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace gw::daemon
