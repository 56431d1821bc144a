// DialPeerKeepaliveService: CUBE dial-peer OPTIONS keepalive (reference/ios-keepalive.md,
// "Dial-peer OPTIONS keepalive (CUBE)") for every dial-peer plan_dial_peers() selects.
//
// Contract:
// - The same state machine as sip-ua targets: one keepalive::TargetSession per dial-peer (trigger
//   1, see dial_peer_plan.hpp) and one TargetProber from the same factory as sip-ua targets (the
//   same net::SipProber engine, sharing the daemon's UDP hub). 503, 505 and no answer are
//   failures; any other final response (404 included) keeps the dial-peer active. A down
//   (busied-out) dial-peer keeps being probed at its down-interval.
// - Timers: every dial-peer's next attempt lives in ONE keepalive::TimerWheel driven by ONE
//   asio timer, so scheduling costs O(1) whatever the number of dial-peers. An attempt is due
//   at its session's time and fires at the 1 ms tick boundary at or after it, so attempts due
//   within one tick share a wake-up; its lateness is counted from the due time.
// - Start-up: first attempts start on tick boundaries, kFirstAttemptsPerTick (16) per 1 ms
//   tick, in tag order — over ceil(N / 16) ms, or spread evenly over the shortest up-interval
//   when N needs more ticks than that — instead of N sends at once or one wake-up per probe.
//   The next attempts follow each session's own timing: the end of the attempt (the answer's
//   arrival, kernel timestamp: not when the loop read it) + interval. Dial-peers that started
//   in one tick are answered within a fraction of a millisecond, so they tend to stay in one
//   tick and share one wake-up and one sendmmsg.
// - At most kAttemptsPerWakeup (32) attempts begin per wake-up; when more are due (the
//   daemon was held up), the rest wait in a FIFO backlog with their due time kept and begin at
//   the next tick boundaries, oldest first, so their lateness is recorded and a pile-up drains
//   at 32 per ms instead of staying one burst. A wake-up that itself came late (the host did
//   not run the io thread in time) may begin 32 per tick of its lateness, at most 8 x 32, so
//   that a starved loop still drains 32 per ms of wall time. A wake-up costs O(its budget +
//   attempts newly due), whatever the size of the pile-up.
// - Emits dial-peer.down (with reason) / dial-peer.up (design.md) with an IOS-style log line
//   (dial_peer_wording.hpp). With a debug logger, one %SIP-7-DIALPEER_ATTEMPT per attempt.
// - Records the lateness of every attempt start versus its scheduled time (snapshot();
//   logged by stop() as %GATEWATCH-6-DIALPEER_STATS for the scale benchmark).
// - reconfigure(next, diff) (live change, reload): only the dial-peers in diff.dial_peers are
//   touched — the old probe of each is cancelled and removed, and when `next` still probes it
//   a new one starts with a fresh session (%SIP-6-DIALPEER_KEEPALIVE ... restarted / started /
//   stopped). They are applied kRestartsPerSlice (2048) at a time: the first slice in the
//   call, the rest from handlers posted after it, with timers and answers in between; `next`
//   must stay alive until the next reconfigure (LiveOps' live configuration does). A
//   reconfigure that arrives mid-way takes the dial-peers not reached yet along, planned from
//   its own configuration. When the last slice is applied, the new sessions' first attempts
//   are spread like at start-up (16 per tick). Every other dial-peer keeps its session,
//   counters and wheel deadline: the reconfigure begins no attempt of its own for them.
//   Profiles that changed reach their dial-peers through the diff (config_diff.hpp). A slice
//   costs O(its dial-peers x log N) plus a memmove of the 4-byte index list.
// - stop() cancels every attempt and the timer; nothing is emitted after it.
// - Time: `clock` (SteadyClock when null) is the only "now"; the asio timer only wakes the
//   service, which then calls poll(). Tests with a FakeClock advance it and call poll().
// - The io_context, sink, logger, clock and the probers' context must outlive the service.
//   Single-threaded (the io_context's thread).
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/liveness.hpp"
#include "base/time.hpp"
#include "base/timer_wheel.hpp"
#include "config/model.hpp"
#include "keepalive/target_session.hpp"
#include "ops/logger.hpp"
#include "report/dial_peer_wording.hpp"
#include "report/event_sink.hpp"
#include "report/lateness_histogram.hpp"
#include "services/dial_peer/dial_peer_plan.hpp"
#include "services/service.hpp"
#include "services/target_prober.hpp"

namespace gw::daemon {

class DialPeerKeepaliveService final : public Service {
 public:
  static constexpr std::size_t kFirstAttemptsPerTick = 16;
  static constexpr std::size_t kAttemptsPerWakeup = 32;
  static constexpr std::size_t kCatchUpTicks = 8;
  static constexpr std::size_t kRestartsPerSlice = 2048;

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

  // Begins the attempts that are due by clock.now() (the asio timer calls it): at most
  // kAttemptsPerWakeup, or kAttemptsPerWakeup per tick it woke late when `woke_for` (the time
  // the timer was set for) says so, at most kCatchUpTicks of them. Nothing said: on time.
  void poll(std::optional<TimePoint> woke_for = std::nullopt);
  std::size_t probed() const { return by_tag_.size(); }

 private:
  // One probed dial-peer. Slots are reused through free_ after a dial-peer is removed, so a
  // slot's index (the wheel's payload, the prober callback's key) is stable while it lives.
  struct Peer {
    long tag = 0;
    config::KeepaliveTarget target;  // session target + the transport the plan chose
    int profile = 0;                 // 0: the inline form
    bool live = false;               // false: a free slot
    bool probing = false;
    bool backlogged = false;  // due, waiting in backlog_ for a wake-up with room
    keepalive::TargetSession session;
    std::unique_ptr<TargetProber> prober;
    TimePoint due{};                      // of the next attempt (lateness)
    keepalive::TimerWheel::Handle timer;  // valid while waiting for `due`
  };
  // A dial-peer that is not probed: what the show commands need of it.
  struct OtherPeer {
    long tag;
    std::string session_target;
    std::string description;
    bool admin_up;
    int profile;
    Transport transport;
  };
  struct Note {
    long tag;
    std::string text;
  };

  void load(const config::Config& config);  // the whole configuration (not running)
  std::uint32_t add_peer(DialPeerProbe&& probe);
  void remove_peer(std::uint32_t index);
  void start_peer(std::uint32_t index);  // prober + policy; the caller schedules
  // Schedules the first attempts of `indexes` from the next tick boundary, 16 per tick.
  void spread_first_attempts(const std::vector<std::uint32_t>& indexes, TimePoint now);
  // A reconfigure's dial-peers, applied kRestartsPerSlice per handler: restarting 50k
  // dial-peers costs ~85 ms of the io thread, and attempts due meanwhile begin in between.
  struct Restart {
    const config::Config* next = nullptr;  // the latest reconfigure's: alive until the next one
    std::vector<long> tags;                // sorted; applied up to `done`
    std::size_t done = 0;
    std::size_t changes = 0;  // restarted, started or stopped so far (the first 32 are logged)
    std::vector<std::uint32_t> added;  // slots started so far: first attempts once all are applied
  };
  void apply_slice();
  void apply_changes(const config::Config& next, std::span<const long> tags, Restart& r);
  static OtherPeer other_of(long tag, const config::DialPeer& dp);

  void begin(std::uint32_t index, TimePoint due);
  void on_result(std::uint32_t index, const keepalive::AttemptOutcome& outcome);
  void schedule(std::uint32_t index, TimePoint at);
  void rearm();
  TimePoint now() const { return clock_ ? clock_->now() : SteadyClock::now(); }
  void log(const DialPeerLogLine& line) const { logger_.log(line.severity, line.text); }

  std::map<int, config::OptionsKeepaliveProfile> profiles_;
  std::vector<OtherPeer> others_;  // by tag
  std::vector<Note> notes_;        // by tag
  double time_scale_;
  ProberFactory factory_;
  EventSink& sink_;
  const Logger& logger_;
  const Clock* clock_;
  std::vector<Peer> peers_;            // slots
  std::vector<std::uint32_t> free_;    // free slots
  std::vector<std::uint32_t> by_tag_;  // live slots, ordered by tag
  std::optional<keepalive::TimerWheel> wheel_;
  // Attempts that fell due when a wake-up had begun kAttemptsPerWakeup already, oldest first.
  // An entry whose dial-peer was removed (not live, or not backlogged) is skipped.
  std::deque<std::uint32_t> backlog_;
  TimePoint backlog_at_{};  // the tick boundary at which the backlog goes on
  asio::steady_timer tick_timer_;
  std::optional<TimePoint> armed_for_;
  std::optional<Restart> restart_;
  bool slice_posted_ = false;
  LatenessHistogram lateness_;
  std::uint64_t probes_ = 0;
  std::size_t busyout_ = 0;           // live dial-peers whose session is down
  std::uint64_t wakeups_ = 0;         // poll() calls that began at least one attempt
  std::uint64_t deferred_total_ = 0;  // attempts that waited in backlog_
  bool running_ = false;
  Liveness alive_;
};

}  // namespace gw::daemon
