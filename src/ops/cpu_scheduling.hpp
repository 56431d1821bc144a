// Scheduler slice of the daemon's io thread.
//
// Contract:
// - request_short_slice(slice) asks the kernel to run the calling thread in slices of `slice`
//   (sched_setattr: SCHED_OTHER, the thread's nice value kept, sched_runtime = slice). On
//   Linux >= 6.12 (EEVDF custom slices) a thread with a shorter slice than the one running
//   preempts it when it wakes, instead of waiting for that slice to end (1.4 ms by default
//   on a 2-CPU machine). Its CPU share is unchanged; only when it runs changes. The kernel
//   clamps the slice to 0.1-100 ms.
// - Returns the slice the kernel reports back (sched_getattr), or nullopt when it has none:
//   an older kernel accepts the call and ignores the value, or the call failed. Never fails
//   the caller; nothing else changes.
#pragma once
#include <chrono>
#include <optional>

namespace gw::daemon {

std::optional<std::chrono::microseconds> request_short_slice(std::chrono::microseconds slice);

}  // namespace gw::daemon
