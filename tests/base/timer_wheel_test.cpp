#include "base/timer_wheel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

namespace gw::keepalive {
namespace {

using namespace std::chrono_literals;

struct Fired {
  std::uint32_t payload;
  TimePoint due;
  TimePoint at;
};

struct Harness {
  FakeClock clock;
  TimerWheel wheel{clock.now(), 1ms, 64};
  std::vector<Fired> fired;

  // Moves the fake clock to each wake-up the wheel asks for, as the daemon's asio timer does.
  void run_until(TimePoint end) {
    for (;;) {
      auto w = wheel.next_wakeup();
      if (!w || *w > end) break;
      clock.set(*w);
      wheel.advance(clock.now(), [&](std::uint32_t p, TimePoint due) {
        fired.push_back({p, due, clock.now()});
      });
    }
    clock.set(end);
  }
};

TEST(TimerWheel, FiresAtItsDeadlineExactlyNeverEarly) {
  Harness h;
  const TimePoint t0 = h.clock.now();
  h.wheel.schedule(t0 + 5ms, 1);
  h.wheel.schedule(t0 + 2500us, 2);  // inside the 3 ms tick: no rounding
  EXPECT_EQ(*h.wheel.next_wakeup(), t0 + 2500us);
  h.clock.set(t0 + 2499us);  // a wake-up just before the deadline fires nothing
  EXPECT_EQ(h.wheel.advance(h.clock.now(), [](std::uint32_t, TimePoint) {}), 0u);
  EXPECT_EQ(*h.wheel.next_wakeup(), t0 + 2500us);
  h.run_until(t0 + 10ms);
  ASSERT_EQ(h.fired.size(), 2u);
  EXPECT_EQ(h.fired[0].payload, 2u);
  EXPECT_EQ(h.fired[0].at, t0 + 2500us);
  EXPECT_EQ(h.fired[0].due, t0 + 2500us);
  EXPECT_EQ(h.fired[1].payload, 1u);
  EXPECT_EQ(h.fired[1].at, t0 + 5ms);
  EXPECT_EQ(h.wheel.size(), 0u);
  EXPECT_FALSE(h.wheel.next_wakeup().has_value());
}

TEST(TimerWheel, TimerBeyondOneRevolutionWaitsForItsRound) {
  Harness h;  // 64 slots of 1 ms: one revolution is 64 ms
  const TimePoint t0 = h.clock.now();
  h.wheel.schedule(t0 + 200ms, 7);
  h.run_until(t0 + 199ms);
  EXPECT_TRUE(h.fired.empty());
  h.run_until(t0 + 300ms);
  ASSERT_EQ(h.fired.size(), 1u);
  EXPECT_EQ(h.fired[0].at, t0 + 200ms);
}

TEST(TimerWheel, CancelledTimerNeverFiresAndStaleHandleIsANoop) {
  Harness h;
  const TimePoint t0 = h.clock.now();
  auto a = h.wheel.schedule(t0 + 3ms, 1);
  auto b = h.wheel.schedule(t0 + 3ms, 2);
  EXPECT_TRUE(h.wheel.cancel(a));
  EXPECT_FALSE(h.wheel.cancel(a));
  h.run_until(t0 + 5ms);
  ASSERT_EQ(h.fired.size(), 1u);
  EXPECT_EQ(h.fired[0].payload, 2u);
  EXPECT_FALSE(h.wheel.cancel(b));         // already fired
  auto c = h.wheel.schedule(t0 + 9ms, 3);  // reuses a freed node
  EXPECT_FALSE(h.wheel.cancel(a));
  EXPECT_TRUE(h.wheel.cancel(c));
}

TEST(TimerWheel, TimersOfOneTickFireEachAtItsOwnTimeTheLaterOnesWait) {
  Harness h;
  const TimePoint t0 = h.clock.now();
  h.wheel.schedule(t0 + 2700us, 1);
  h.wheel.schedule(t0 + 2300us, 2);
  h.wheel.schedule(t0 + 2300us, 3);  // same deadline: same wake-up
  h.wheel.schedule(t0 + 3ms, 4);     // the tick's boundary
  h.run_until(t0 + 10ms);
  ASSERT_EQ(h.fired.size(), 4u);
  std::vector<std::pair<std::uint32_t, TimePoint>> got;
  for (const auto& f : h.fired) got.emplace_back(f.payload, f.at);
  std::sort(got.begin(), got.begin() + 2);
  EXPECT_EQ(got, (std::vector<std::pair<std::uint32_t, TimePoint>>{
                     {2, t0 + 2300us}, {3, t0 + 2300us}, {1, t0 + 2700us}, {4, t0 + 3ms}}));
}

TEST(TimerWheel, PastDeadlineFiresInTheNextAdvanceNotTheRunningOne) {
  Harness h;
  h.clock.advance(10ms + 400us);
  h.wheel.advance(h.clock.now(), [](std::uint32_t, TimePoint) {});
  h.wheel.schedule(h.clock.now() - 5ms, 4);
  EXPECT_EQ(*h.wheel.next_wakeup(), h.clock.now() + Duration(1));
  // Scheduled for "now" from inside advance(): not fired by that advance, even though its
  // slot (the tick now is in) is visited after the callback.
  h.clock.advance(1ms);
  int fired = 0;
  h.wheel.advance(h.clock.now(), [&](std::uint32_t p, TimePoint) {
    ++fired;
    if (p == 4) h.wheel.schedule(h.clock.now(), 5);
  });
  EXPECT_EQ(fired, 1);
  EXPECT_EQ(h.wheel.size(), 1u);
  EXPECT_EQ(*h.wheel.next_wakeup(), h.clock.now() + Duration(1));
  EXPECT_EQ(h.wheel.advance(h.clock.now() + Duration(1), [](std::uint32_t, TimePoint) {}), 1u);
}

TEST(TimerWheel, LongSleepFiresEverythingDueOnce) {
  Harness h;
  const TimePoint t0 = h.clock.now();
  for (std::uint32_t i = 0; i < 500; ++i) h.wheel.schedule(t0 + 1ms + i * 1ms, i);
  h.clock.set(t0 + 10s);  // far more than one revolution at once
  std::size_t n = h.wheel.advance(h.clock.now(), [](std::uint32_t, TimePoint) {});
  EXPECT_EQ(n, 500u);
  EXPECT_EQ(h.wheel.size(), 0u);
}

TEST(TimerWheel, CallbackMayRescheduleAndCancelOthersOfTheSameTick) {
  Harness h;
  const TimePoint t0 = h.clock.now();
  TimerWheel::Handle other = h.wheel.schedule(t0 + 2ms, 2);
  h.wheel.schedule(t0 + 2ms, 1);
  int count = 0;
  h.clock.set(t0 + 2ms);
  h.wheel.advance(h.clock.now(), [&](std::uint32_t p, TimePoint) {
    ++count;
    if (p == 1) h.wheel.cancel(other);  // already unlinked: a no-op
    h.wheel.schedule(h.clock.now() + 4ms, 10 + p);
  });
  EXPECT_EQ(count, 2);
  EXPECT_EQ(h.wheel.size(), 2u);
  EXPECT_EQ(*h.wheel.next_wakeup(), t0 + 6ms);
}

TEST(TimerWheel, ManyRandomTimersFireExactlyAtTheirDeadline) {
  FakeClock clock;
  TimerWheel wheel(clock.now(), 1ms, 1024);
  const TimePoint t0 = clock.now();
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> us(0, 5'000'000);
  std::vector<TimePoint> deadline(20000);
  for (std::uint32_t i = 0; i < deadline.size(); ++i) {
    deadline[i] = t0 + std::chrono::microseconds(us(rng));
    wheel.schedule(deadline[i], i);
  }
  std::size_t fired = 0;
  std::size_t wakeups = 0;
  while (auto w = wheel.next_wakeup()) {
    clock.set(*w);
    const std::size_t n = wheel.advance(clock.now(), [&](std::uint32_t p, TimePoint) {
      ++fired;
      EXPECT_EQ(clock.now(), deadline[p]);
    });
    if (n > 0) ++wakeups;
    // An empty wake-up only moves the wheel past a slot that holds later revolutions' timers.
    else
      EXPECT_EQ((clock.now() - t0) % 1ms, Duration::zero());
  }
  EXPECT_EQ(fired, deadline.size());
  // One wake-up that fires per distinct deadline.
  std::sort(deadline.begin(), deadline.end());
  const auto distinct =
      static_cast<std::size_t>(std::unique(deadline.begin(), deadline.end()) - deadline.begin());
  EXPECT_EQ(wakeups, distinct);
  // The slab grows like a vector (at most 2x the live timers), plus 4 bytes + 1 bit per slot.
  EXPECT_LE(wheel.memory_bytes(), 2 * deadline.size() * 24 + 1024 * 5 + 4096 * 16);
}

TEST(TimerWheel, FireTimeIsTheExactWakeUpAndGroupsTimersOnAGrid) {
  Harness h;
  const TimePoint t0 = h.clock.now();
  // A tick boundary is its own fire time; anything inside a tick rounds up to its end.
  EXPECT_EQ(h.wheel.fire_time(t0 + 3ms), t0 + 3ms);
  EXPECT_EQ(h.wheel.fire_time(t0 + 3ms + 1us), t0 + 4ms);
  EXPECT_EQ(h.wheel.fire_time(t0 + 2ms + 999us, 1), t0 + 3ms);
  // every = 4: multiples of 4 ticks from the origin.
  EXPECT_EQ(h.wheel.fire_time(t0 + 1us, 4), t0 + 4ms);
  EXPECT_EQ(h.wheel.fire_time(t0 + 4ms, 4), t0 + 4ms);
  EXPECT_EQ(h.wheel.fire_time(t0 + 4ms + 1us, 4), t0 + 8ms);
  EXPECT_EQ(h.wheel.fire_time(t0 + 7ms, 4), t0 + 8ms);
  // Timers scheduled for their fire_time(.., 4) fire exactly then, all of a grid point in one
  // wake-up.
  const std::vector<Duration> at{1ms, 2500us, 4ms, 5ms, 6100us, 8ms};
  for (std::uint32_t i = 0; i < at.size(); ++i)
    h.wheel.schedule(h.wheel.fire_time(t0 + at[i], 4), i);
  std::vector<TimePoint> wakeups;
  while (auto w = h.wheel.next_wakeup()) {
    wakeups.push_back(*w);
    h.clock.set(*w);
    h.wheel.advance(h.clock.now(), [&](std::uint32_t p, TimePoint due) {
      h.fired.push_back({p, due, h.clock.now()});
    });
  }
  EXPECT_EQ(wakeups, (std::vector<TimePoint>{t0 + 4ms, t0 + 8ms}));
  ASSERT_EQ(h.fired.size(), at.size());
  for (const auto& f : h.fired) {
    EXPECT_EQ(f.at, h.wheel.fire_time(t0 + at[f.payload], 4)) << f.payload;
    EXPECT_EQ(f.due, f.at) << f.payload;
  }
}

}  // namespace
}  // namespace gw::keepalive
