// TimerWheel: a hashed timing wheel for many keepalive timers (100k dial-peers and more).
//
// Contract:
// - Pure: no clock reads, no I/O; the caller passes every time point. One asio timer (in the
//   daemon) drives it: arm it for next_wakeup(), then call advance(now).
// - Exact: a timer due at `at` fires during the first advance(now) with now >= at, never
//   earlier, and next_wakeup() is `at` itself (no rounding to a tick), so the only delay is
//   the caller's wake-up. A deadline at or before the last advance's `now` fires in the first
//   later advance (never in the advance that is running). Timers due at the same instant fire
//   in no particular order; a caller that wants one wake-up for several timers gives them the
//   same deadline (fire_time() rounds to a common tick boundary).
// - Ticks only bucket the timers: a timer lives in the slot of ceil((at - origin) / tick).
// - Cost: schedule() and cancel() are O(1); advance() costs O(ticks elapsed, capped at the
//   slot count) + O(timers in the visited slots). A timer further away than one revolution
//   (slots * tick) stays in its slot and is skipped once per revolution, so the work per timer
//   is bounded by its delay / (slots * tick) and never grows with the number of timers.
//   next_wakeup() scans a bitmap of non-empty slots, O(slots / 64), then the first non-empty
//   slot's list (the timers of one tick, plus those of later revolutions in it).
// - Memory: 24 bytes per timer (a slab, reused through a free list) + 4 bytes and 1 bit per
//   slot. At most 2^32 - 2 timers live at once (schedule returns an invalid handle beyond).
// - advance() must not be called from inside fire().
// - Handles are generation-checked: cancel() of a fired or cancelled handle is a no-op that
//   returns nullopt. fire(payload, deadline) may schedule and cancel timers (also of this tick;
//   a timer scheduled for the past during advance() fires in the next advance).
// Not thread-safe: one owner.
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/time.hpp"

namespace gw::keepalive {

class TimerWheel {
 public:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  struct Handle {
    std::uint32_t index = kNone;
    std::uint32_t generation = 0;
    bool valid() const { return index != kNone; }
  };

  // slots is rounded up to a power of two (at least 64).
  TimerWheel(TimePoint origin, Duration tick, std::size_t slots = 16384);

  Handle schedule(TimePoint at, std::uint32_t payload);
  // The cancelled timer's payload; nullopt when the handle is stale (fired or cancelled).
  std::optional<std::uint32_t> cancel(Handle h);

  // Fires every timer whose tick is reached by `now`; returns how many fired.
  template <class Fire>
  std::size_t advance(TimePoint now, Fire&& fire);

  // The deadline of the earliest timer; when the first non-empty slot holds only timers of a
  // later revolution, the end of its tick (an empty wake-up that moves the wheel on). nullopt
  // when no timer is scheduled.
  std::optional<TimePoint> next_wakeup() const;

  // The tick boundary at or after `at`, rounded up further to a multiple of `every` ticks from
  // the origin (every <= 1: no further rounding). Timers scheduled for fire_time(at, k) share
  // one deadline per grid point, so they fire in one wake-up. Pure arithmetic, no wheel state.
  TimePoint fire_time(TimePoint at, std::int64_t every = 1) const;

  std::size_t size() const { return live_; }
  Duration tick() const { return tick_; }
  std::size_t memory_bytes() const;

 private:
  struct Node {
    std::int64_t when = -1;  // deadline in Duration ticks since origin_; -1: not scheduled
    std::uint32_t payload = 0;
    std::uint32_t prev = kNone, next = kNone;
    std::uint32_t generation = 0;
  };
  static_assert(sizeof(Node) == 24);

  std::int64_t tick_of(TimePoint at) const;
  std::int64_t tick_of_offset(std::int64_t when) const {
    return (when + tick_.count() - 1) / tick_.count();
  }
  TimePoint time_of(std::int64_t tick) const { return origin_ + tick_ * tick; }
  TimePoint deadline_of(std::int64_t when) const { return origin_ + Duration(when); }
  void link(std::uint32_t index);
  void unlink(std::uint32_t index);
  void release(std::uint32_t index);
  // Moves the timers of slot s due by `now` (an offset from origin_) into due_, released from
  // the wheel.
  void collect_due(std::size_t s, std::int64_t now);
  struct Due {
    std::int64_t when;
    std::uint32_t payload;
  };

  TimePoint origin_;
  Duration tick_;
  std::size_t mask_;
  std::int64_t current_ = 0;  // the last tick processed in full
  std::int64_t now_ = 0;      // the `now` of the last advance (offset from origin_)
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> heads_;
  std::vector<std::uint64_t> occupied_;  // one bit per slot
  std::uint32_t free_ = kNone;
  std::size_t live_ = 0;
  std::vector<Due> due_;  // scratch of advance(); not re-entrant
};

template <class Fire>
std::size_t TimerWheel::advance(TimePoint now, Fire&& fire) {
  const std::int64_t now_off = now < origin_ ? 0 : (now - origin_).count();
  if (now_off > now_) now_ = now_off;
  const std::int64_t target = now_ / tick_.count();  // ticks that ended by now
  std::size_t fired = 0;
  // Unlink a slot's due timers first, then fire: callbacks then see a consistent wheel. A
  // timer they schedule is due after now_ (schedule() clamps), so this advance skips it.
  const auto visit = [&](std::int64_t k) {
    collect_due(static_cast<std::size_t>(k) & mask_, now_);
    for (std::size_t j = 0; j < due_.size(); ++j) {
      ++fired;
      fire(due_[j].payload, deadline_of(due_[j].when));
    }
  };
  const std::int64_t last = std::min(target, current_ + static_cast<std::int64_t>(mask_ + 1));
  while (current_ < target) {
    const std::int64_t k = ++current_;
    if (k > last) {  // every slot was visited once: jump ahead
      current_ = target;
      break;
    }
    visit(k);
  }
  visit(target + 1);  // the tick `now` is in: its timers due by now
  return fired;
}

}  // namespace gw::keepalive
