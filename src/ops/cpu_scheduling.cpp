#include "ops/cpu_scheduling.hpp"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace gw::daemon {

namespace {
// struct sched_attr (include/uapi/linux/sched/types.h); glibc 2.36 has no wrapper.
struct SchedAttr {
  std::uint32_t size;
  std::uint32_t sched_policy;
  std::uint64_t sched_flags;
  std::int32_t sched_nice;
  std::uint32_t sched_priority;
  std::uint64_t sched_runtime;
  std::uint64_t sched_deadline;
  std::uint64_t sched_period;
};
constexpr std::uint32_t kSchedOther = 0;
}  // namespace

std::optional<std::chrono::microseconds> request_short_slice(std::chrono::microseconds slice) {
#if defined(SYS_sched_setattr) && defined(SYS_sched_getattr)
  SchedAttr attr{};
  attr.size = sizeof attr;
  attr.sched_policy = kSchedOther;
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, 0);  // this thread's (Linux: per thread)
  if (nice == -1 && errno != 0) return std::nullopt;
  attr.sched_nice = nice;
  attr.sched_runtime = static_cast<std::uint64_t>(std::chrono::nanoseconds(slice).count());
  if (syscall(SYS_sched_setattr, 0, &attr, 0u) != 0) return std::nullopt;
  SchedAttr got{};
  if (syscall(SYS_sched_getattr, 0, &got, static_cast<unsigned>(sizeof got), 0u) != 0)
    return std::nullopt;
  if (got.sched_runtime == 0) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::nanoseconds(got.sched_runtime));
#else
  (void)slice;
  return std::nullopt;
#endif
}

}  // namespace gw::daemon
