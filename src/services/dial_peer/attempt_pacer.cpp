// AttemptPacer: see attempt_pacer.hpp.
#include "services/dial_peer/attempt_pacer.hpp"

#include <algorithm>

namespace gw::daemon {

AttemptPacer::AttemptPacer(TimePoint origin) : wheel_(origin, kTick, kWheelSlots) {}

void AttemptPacer::set_slots(std::size_t n) {
  if (n > pending_.size()) pending_.resize(n);
}

bool AttemptPacer::schedule(std::uint32_t slot, TimePoint due) {
  Pending& p = pending_[slot];
  p.due = due;
  // The lateness recorded from `due` includes this rounding to the tick boundary.
  const TimePoint fire = wheel_.fire_time(due);
  p.timer = wheel_.schedule(fire, slot);
  return !armed_for_ || fire < *armed_for_;  // else the armed wake-up comes first
}

bool AttemptPacer::schedule_first(std::span<const std::uint32_t> slots, Duration shortest_interval,
                                  TimePoint now) {
  const std::size_t n = slots.size();
  if (n == 0) return false;
  // Tick boundaries: the wheel fires them exactly (no rounding), so one wake-up carries a
  // tick's attempts. Never over more than the shortest interval: with more than that fits,
  // ticks hold more.
  TimePoint first = wheel_.fire_time(now);
  if (first <= now) first += kTick;  // that tick may have been polled already
  const auto interval_ticks =
      static_cast<std::size_t>(std::max<std::int64_t>(1, shortest_interval / kTick));
  const std::size_t per_tick =
      std::max(kFirstAttemptsPerTick, (n + interval_ticks - 1) / interval_ticks);
  bool rearm = false;
  for (std::size_t i = 0; i < n; ++i)
    rearm |= schedule(slots[i], first + kTick * static_cast<long>(i / per_tick));
  return rearm;
}

void AttemptPacer::cancel(std::uint32_t slot) {
  Pending& p = pending_[slot];
  wheel_.cancel(p.timer);
  p = Pending();  // a backlog entry of it is skipped
}

void AttemptPacer::drop_backlog() {
  for (std::uint32_t slot : backlog_)
    if (pending_[slot].backlogged()) pending_[slot].timer = {};
  backlog_.clear();
}

std::optional<TimePoint> AttemptPacer::arm() {
  auto w = wheel_.next_wakeup();
  if (!backlog_.empty() && (!w || backlog_at_ < *w)) w = backlog_at_;  // it goes on then
  if (!w || (armed_for_ && *armed_for_ <= *w)) return std::nullopt;
  armed_for_ = *w;
  return w;
}

std::optional<TimePoint> AttemptPacer::fired() {
  const std::optional<TimePoint> was = armed_for_;
  armed_for_.reset();
  return was;
}

}  // namespace gw::daemon
