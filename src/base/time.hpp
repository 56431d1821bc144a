// Time as the pure layers see it: monotonic time points and durations, passed in by the
// caller. No pure layer reads a clock; the net/daemon layers own the only real clock and
// tests use FakeClock. Durations are std::chrono; milliseconds are the usual unit.
#pragma once
#include <chrono>

namespace gw {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;
using Duration = SteadyClock::duration;
using std::chrono::milliseconds;
using std::chrono::seconds;

// The clock interface injected into code that must ask for "now".
class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// A clock that only moves when told to; for tests. Starts at an arbitrary fixed epoch.
class FakeClock final : public Clock {
 public:
  TimePoint now() const override { return now_; }
  void advance(Duration d) { now_ += d; }
  void set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_{std::chrono::hours(1)};
};

// Scale a configured duration by --time-scale (labs and tests). Rounds to microseconds.
inline Duration scaled(Duration d, double scale) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::micro>(
      std::chrono::duration<double, std::micro>(d).count() * scale));
}

}  // namespace gw
