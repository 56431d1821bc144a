// AttemptPacer: when each probed dial-peer begins its next attempt. Pure: the caller passes
// every time point (it reads the clock, it runs the attempts, it owns the one timer); no I/O.
//
// Contract:
// - Slots are the dial-peer table's indexes, 0 .. slots() - 1 (set_slots()). A slot is idle,
//   waiting on the wheel for its due time, or due and waiting in the backlog (waiting()).
//   schedule() and schedule_first() take idle slots. The caller cancel()s a slot it frees.
// - schedule(slot, due): the attempt is due at `due` and begins at the first tick boundary
//   (kTick) at or after it: attempts due within one tick share a wake-up. One TimerWheel holds
//   every slot's deadline, so schedule() and cancel() cost O(1) whatever the number of slots.
// - poll(now, woke_for, begin): calls begin(slot, due) for the attempts due by `now`, oldest
//   backlog first, at most kAttemptsPerWakeup of them; when `woke_for` (the time the caller's
//   timer was set for) says the wake-up came late, kAttemptsPerWakeup per tick of that
//   lateness, at most kCatchUpTicks x kAttemptsPerWakeup. The others wait in a FIFO backlog
//   with their due time kept and go on at the following tick boundaries, once per tick, so a
//   pile-up drains at kAttemptsPerWakeup per tick instead of staying one burst. A poll costs
//   O(its budget + attempts newly due), whatever the size of the backlog. `begin` may call
//   schedule() and cancel(), not poll().
// - schedule_first(slots, shortest_interval, now): first attempts, in the order given, from
//   the first tick boundary after `now`, kFirstAttemptsPerTick per tick; more per tick when
//   that would take longer than `shortest_interval` (then spread evenly over it).
// - cancel(slot): its attempt never begins, from the wheel or from the backlog (the slot may
//   be reused at once).
// - The caller's timer: after schedule()/schedule_first() returned true, or after a poll(),
//   arm() says when to set it for (nullopt: leave it as it is, an earlier wake-up is set or
//   nothing waits); when it goes off, fired() says what it was set for (poll()'s woke_for).
// Single owner; not thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "base/time.hpp"
#include "base/timer_wheel.hpp"

namespace gw::daemon {

class AttemptPacer {
 public:
  static constexpr Duration kTick = std::chrono::milliseconds(1);
  static constexpr std::size_t kWheelSlots = 16384;  // one revolution: 16 s of 1 ms ticks
  // Small batches on purpose: on a small host the answers of a large burst (and the peers'
  // work to produce them) delay the next ticks, and late ticks merge into larger bursts.
  static constexpr std::size_t kFirstAttemptsPerTick = 16;
  static constexpr std::size_t kAttemptsPerWakeup = 32;
  static constexpr std::size_t kCatchUpTicks = 8;

  // `origin`: the wheel's first tick boundary (the service's start).
  explicit AttemptPacer(TimePoint origin);

  // Grows the slot range to `n` (never shrinks it).
  void set_slots(std::size_t n);
  std::size_t slots() const { return pending_.size(); }

  // True: the caller's timer must be set earlier (call arm()).
  bool schedule(std::uint32_t slot, TimePoint due);
  bool schedule_first(std::span<const std::uint32_t> slots, Duration shortest_interval,
                      TimePoint now);
  void cancel(std::uint32_t slot);
  // On the wheel or in the backlog.
  bool waiting(std::uint32_t slot) const {
    return pending_[slot].timer.valid() || pending_[slot].backlogged();
  }
  // Empties the backlog (the caller stops): nothing in it begins.
  void drop_backlog();

  template <class Begin>
  void poll(TimePoint now, std::optional<TimePoint> woke_for, Begin&& begin);

  std::optional<TimePoint> arm();
  std::optional<TimePoint> fired();

  std::uint64_t wakeups() const { return wakeups_; }    // polls that began an attempt
  std::uint64_t deferred() const { return deferred_; }  // attempts that went to the backlog
  std::size_t backlog() const { return backlog_.size(); }

 private:
  // 16 bytes a slot. A valid `timer`: waiting on the wheel for `due`. An invalid one is idle,
  // or, marked by kInBacklog in its (otherwise unused) generation, due and waiting in
  // backlog_; the wheel's cancel() ignores any invalid handle.
  static constexpr std::uint32_t kInBacklog = 1;
  static constexpr keepalive::TimerWheel::Handle kBacklogged{keepalive::TimerWheel::kNone,
                                                             kInBacklog};
  struct Pending {
    TimePoint due{};  // of the next attempt (lateness counts from it)
    keepalive::TimerWheel::Handle timer;
    bool backlogged() const { return !timer.valid() && timer.generation == kInBacklog; }
  };
  static_assert(sizeof(Pending) == 16);

  keepalive::TimerWheel wheel_;
  std::vector<Pending> pending_;  // by slot
  // Slots whose attempt fell due when a poll had spent its budget, oldest first. An entry
  // whose slot is no longer backlogged (cancelled, or begun from an older entry) is skipped.
  std::deque<std::uint32_t> backlog_;
  TimePoint backlog_at_{};  // the tick boundary at which the backlog goes on
  std::optional<TimePoint> armed_for_;
  std::uint64_t wakeups_ = 0;
  std::uint64_t deferred_ = 0;
};

template <class Begin>
void AttemptPacer::poll(TimePoint now, std::optional<TimePoint> woke_for, Begin&& begin) {
  // Without the cap, a wake-up that came late would begin every attempt that piled up
  // meanwhile in one go, their answers would come back together, and since each next attempt
  // is due one interval after its answer they would stay one ever larger batch. The backlog
  // is a FIFO outside the wheel so that putting the rest back costs nothing per tick.
  std::size_t late_ticks = 0;
  if (woke_for && now > *woke_for) late_ticks = static_cast<std::size_t>((now - *woke_for) / kTick);
  const std::size_t budget = kAttemptsPerWakeup * (1 + std::min(late_ticks, kCatchUpTicks - 1));
  std::size_t begun = 0;
  // Once per tick: a second poll within the tick begins nothing more from the backlog.
  while (now >= backlog_at_ && begun < budget && !backlog_.empty()) {
    const std::uint32_t slot = backlog_.front();
    backlog_.pop_front();
    Pending& p = pending_[slot];
    if (!p.backlogged()) continue;
    p.timer = {};
    ++begun;
    begin(slot, p.due);
  }
  wheel_.advance(now, [&](std::uint32_t slot, TimePoint) {
    Pending& p = pending_[slot];
    p.timer = {};
    if (begun >= budget) {
      p.timer = kBacklogged;
      backlog_.push_back(slot);
      ++deferred_;
      return;
    }
    ++begun;
    begin(slot, p.due);
  });
  if (begun > 0) ++wakeups_;
  if (!backlog_.empty() && backlog_at_ <= now) backlog_at_ = wheel_.fire_time(now + Duration(1));
}

}  // namespace gw::daemon
