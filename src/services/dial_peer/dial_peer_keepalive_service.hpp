// DialPeerKeepaliveService: CUBE dial-peer OPTIONS keepalive (reference/ios-keepalive.md,
// "Dial-peer OPTIONS keepalive (CUBE)") for every dial-peer plan_dial_peer() probes. It wires a
// DialPeerTable (which dial-peers, their sessions), an AttemptPacer (when each attempt begins)
// and a SlicedRestart (live changes) to the loop: one asio timer, the probers, the events.
//
// Contract:
// - The same state machine as sip-ua targets: one keepalive::TargetSession per dial-peer (trigger
//   1, see dial_peer_plan.hpp) and one TargetProber from the same factory as sip-ua targets (the
//   same net::SipProber engine, sharing the daemon's UDP hub). 503, 505 and no answer are
//   failures; any other final response (404 included) keeps the dial-peer active. A down
//   (busied-out) dial-peer keeps being probed at its down-interval.
// - Timing is the pacer's (attempt_pacer.hpp): first attempts at start-up and after a restart
//   kFirstAttemptsPerTick per 1 ms tick in tag order; each next attempt due at the end of the
//   previous one (the answer's arrival, kernel timestamp: not when the loop read it) + its
//   interval, begun at the tick boundary at or after it; at most kAttemptsPerWakeup per
//   wake-up (kCatchUpTicks times that when the wake-up came late), the rest from a backlog.
// - Emits dial-peer.down (with reason) / dial-peer.up (design.md) with an IOS-style log line
//   (dial_peer_wording.hpp). With a debug logger, one %SIP-7-DIALPEER_ATTEMPT per attempt.
// - Records the lateness of every attempt start versus its due time (snapshot(); logged by
//   stop() as %GATEWATCH-6-DIALPEER_STATS for the scale benchmark).
// - reconfigure(next, diff) (live change, reload): only the dial-peers in diff.dial_peers are
//   touched — the old probe of each is cancelled and removed, and when `next` still probes it
//   a new one starts with a fresh session (%SIP-6-DIALPEER_KEEPALIVE ... restarted / started /
//   stopped). They are applied kRestartsPerSlice at a time: the first slice in the call, the
//   rest from handlers posted after it, with timers and answers in between; `next` must stay
//   alive until the next reconfigure (LiveOps' live configuration does). A reconfigure that
//   arrives mid-way takes the dial-peers not reached yet along (sliced_restart.hpp). Every
//   other dial-peer keeps its session, counters and due time. Before start(), the whole
//   configuration is taken instead.
// - stop() cancels every attempt and the timer; nothing is emitted after it.
// - Time: `clock` (SteadyClock when null) is the only "now"; the asio timer only wakes the
//   service, which then calls poll(). Tests with a FakeClock advance it and call poll().
// - The io_context, sink, logger, clock and the probers' context must outlive the service.
//   Single-threaded (the io_context's thread).
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/liveness.hpp"
#include "base/time.hpp"
#include "config/model.hpp"
#include "keepalive/outcome.hpp"
#include "ops/logger.hpp"
#include "report/dial_peer_wording.hpp"
#include "report/event_sink.hpp"
#include "report/lateness_histogram.hpp"
#include "services/dial_peer/attempt_pacer.hpp"
#include "services/dial_peer/dial_peer_table.hpp"
#include "services/dial_peer/sliced_restart.hpp"
#include "services/service.hpp"
#include "services/target_prober.hpp"

namespace gw::daemon {

class DialPeerKeepaliveService final : public Service {
 public:
  static constexpr std::size_t kFirstAttemptsPerTick = AttemptPacer::kFirstAttemptsPerTick;
  static constexpr std::size_t kAttemptsPerWakeup = AttemptPacer::kAttemptsPerWakeup;
  static constexpr std::size_t kCatchUpTicks = AttemptPacer::kCatchUpTicks;
  static constexpr std::size_t kRestartsPerSlice = SlicedRestart::kPerSlice;

  DialPeerKeepaliveService(asio::io_context& io, const config::Config& config, double time_scale,
                           ProberFactory factory, EventSink& sink, const Logger& logger,
                           const Clock* clock = nullptr);
  ~DialPeerKeepaliveService() override;

  std::string_view name() const override { return "dial-peer-keepalive"; }
  Status<> start() override;
  void stop() override;
  void snapshot(DaemonSnapshot& out) const override;
  // Counts and lateness, without the per-dial-peer list, the profiles or the notes: O(1).
  void summary(DaemonSnapshot& out) const override;
  void reconfigure(const config::Config& next, const ConfigDiff& diff) override;

  // Begins the attempts that are due by clock.now() (the asio timer calls it), as many as
  // AttemptPacer::poll() allows; `woke_for` is the time the timer was set for (nothing said:
  // on time).
  void poll(std::optional<TimePoint> woke_for = std::nullopt);
  std::size_t probed() const { return table_.probed(); }
  // The keepalive verdict of dial-peer `tag`: false while it is busied out; true otherwise
  // (also when it is not probed).
  bool up(long tag) const;

  // Cluster ownership (dial_peer_ownership.cpp). set_owned(): only the dial-peers `owned` says
  // this node owns are probed (from the next load or apply; the cluster service calls
  // reconfigure() with the tags whose owner changed). verdict(): the state of a probed dial-peer
  // once it has had an attempt, nullopt otherwise.
  struct Verdict {
    bool up = true;
    std::string address;
    Transport transport = Transport::udp;
    std::string reason;  // when down
  };
  void set_owned(std::function<bool(long)> owned);
  std::optional<Verdict> verdict(long tag) const;

 private:
  void apply_slice();     // the next slice of restart_; the one after it posted
  void finish_restart();  // once every slice is applied
  void begin(std::uint32_t slot, TimePoint due);
  void on_result(std::uint32_t slot, const keepalive::AttemptOutcome& outcome);
  void rearm();
  TimePoint now() const { return clock_ ? clock_->now() : SteadyClock::now(); }

  double time_scale_;
  ProberFactory factory_;
  EventSink& sink_;
  const Logger& logger_;
  const Clock* clock_;
  DialPeerTable table_;
  std::vector<std::unique_ptr<TargetProber>> probers_;  // by slot; null for a free slot
  std::optional<AttemptPacer> pacer_;                   // made by start(), its origin
  std::optional<SlicedRestart> restart_;
  asio::steady_timer tick_timer_;
  bool slice_posted_ = false;
  LatenessHistogram lateness_;
  std::uint64_t probes_ = 0;
  bool running_ = false;
  Liveness alive_;
};

}  // namespace gw::daemon
