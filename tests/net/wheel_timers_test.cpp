#include "net/wheel_timers.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gw::net {
namespace {

using namespace std::chrono_literals;

TEST(WheelTimers, FiresInDeadlineOrderNeverEarlyAndCancelledNever) {
  asio::io_context io;
  WheelTimers timers(io);
  std::vector<int> fired;
  const TimePoint t0 = SteadyClock::now();
  std::vector<TimePoint> at(4);
  timers.schedule(t0 + 30ms, [&] {
    fired.push_back(3);
    at[3] = SteadyClock::now();
  });
  auto h = timers.schedule(t0 + 20ms, [&] { fired.push_back(2); });
  timers.schedule(t0 + 10ms, [&] {
    fired.push_back(1);
    at[1] = SteadyClock::now();
  });
  EXPECT_TRUE(timers.cancel(h));
  EXPECT_FALSE(timers.cancel(h));
  io.run_for(100ms);
  ASSERT_EQ(fired, (std::vector<int>{1, 3}));
  EXPECT_GE(at[1], t0 + 10ms);
  EXPECT_GE(at[3], t0 + 30ms);
  EXPECT_EQ(timers.size(), 0u);
}

TEST(WheelTimers, CallbackMayScheduleAnotherAndCloseStopsEverything) {
  asio::io_context io;
  WheelTimers timers(io);
  int n = 0;
  std::function<void()> again = [&] {
    if (++n < 5) timers.schedule(SteadyClock::now() + 2ms, again);
  };
  timers.schedule(SteadyClock::now() + 2ms, again);
  io.run_for(100ms);
  EXPECT_EQ(n, 5);
  bool late = false;
  timers.schedule(SteadyClock::now() + 5ms, [&] { late = true; });
  timers.close();
  io.restart();
  io.run_for(30ms);
  EXPECT_FALSE(late);
}

}  // namespace
}  // namespace gw::net
