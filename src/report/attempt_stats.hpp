// AttemptStats: per-target keepalive attempt statistics for metrics — failures by reason and
// an RTT histogram with fixed buckets (Prometheus-style, upper bounds in seconds).
// Contract: a plain value; record() is O(1) and never allocates, so memory stays bounded no
// matter how long the daemon runs. Counts only grow. Single owner (the io_context thread);
// copies are safe to read anywhere.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/time.hpp"
#include "keepalive/outcome.hpp"

namespace gw::daemon {

// Upper bounds of the RTT buckets, seconds (the +Inf bucket is the total count).
inline constexpr std::array<double, 12> kRttBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
// keepalive::FailureReason values, in enum order.
inline constexpr std::size_t kFailureReasonCount = 7;

struct AttemptStats {
  std::array<std::uint64_t, kFailureReasonCount> failures_by_reason{};
  std::array<std::uint64_t, kRttBuckets.size()> rtt_buckets{};  // not cumulative
  std::uint64_t rtt_count = 0;
  double rtt_sum_seconds = 0;

  void record(const keepalive::AttemptOutcome& o) {
    if (!o.success) {
      const auto i = static_cast<std::size_t>(o.reason);
      if (i < failures_by_reason.size()) ++failures_by_reason[i];
    }
    if (o.rtt) {
      const double s = std::chrono::duration<double>(*o.rtt).count();
      for (std::size_t i = 0; i < kRttBuckets.size(); ++i) {
        if (s <= kRttBuckets[i]) {
          ++rtt_buckets[i];
          break;
        }
      }
      ++rtt_count;
      rtt_sum_seconds += s;
    }
  }
};

}  // namespace gw::daemon
