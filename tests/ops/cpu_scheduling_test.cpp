// request_short_slice on a thread of its own: the kernel reports the slice back (Linux >= 6.12)
// or the call is a no-op; the thread's nice value and policy never change.
#include "ops/cpu_scheduling.hpp"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include <cstdio>
#include <thread>

namespace gw::daemon {
namespace {

using std::chrono::microseconds;

bool kernel_at_least(int major, int minor) {
  utsname u{};
  if (uname(&u) != 0) return false;
  int ma = 0, mi = 0;
  if (std::sscanf(u.release, "%d.%d", &ma, &mi) != 2) return false;
  return ma > major || (ma == major && mi >= minor);
}

TEST(CpuScheduling, AShortSliceIsTakenOrIgnoredAndNiceAndPolicyStay) {
  std::optional<microseconds> got, second;
  int nice_before = 0, nice_after = 0, policy_after = -1;
  std::thread t([&] {
    setpriority(PRIO_PROCESS, 0, 5);  // this thread only (Linux); see that it is kept
    nice_before = getpriority(PRIO_PROCESS, 0);
    got = request_short_slice(microseconds(100));
    second = request_short_slice(microseconds(250));
    nice_after = getpriority(PRIO_PROCESS, 0);
    policy_after = sched_getscheduler(0);
  });
  t.join();
  EXPECT_EQ(nice_before, 5);
  EXPECT_EQ(nice_after, 5);
  EXPECT_EQ(policy_after, SCHED_OTHER);
  if (kernel_at_least(6, 12)) {
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, microseconds(100));
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(*second, microseconds(250));
  } else if (got) {
    EXPECT_GE(*got, microseconds(100));  // whatever the kernel reports, a real slice
  }
}

TEST(CpuScheduling, TheKernelClampsTooShortASlice) {
  if (!kernel_at_least(6, 12)) GTEST_SKIP() << "no per-thread slices before Linux 6.12";
  std::optional<microseconds> got;
  std::thread t([&] { got = request_short_slice(microseconds(1)); });
  t.join();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, microseconds(100));
}

}  // namespace
}  // namespace gw::daemon
