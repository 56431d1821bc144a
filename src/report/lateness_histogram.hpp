// LatenessHistogram: how late probe starts were versus their scheduled time, in fixed
// buckets of 25 us up to 25 ms (then one overflow bucket). Bounded memory (1 KiB + the max);
// percentile() returns the upper edge of the bucket holding that rank (the overflow bucket
// reports the max seen). Pure value type; single owner.
#pragma once
#include <array>
#include <cstdint>

#include "base/time.hpp"
#include "report/dial_peer_snapshot.hpp"

namespace gw::daemon {

class LatenessHistogram {
 public:
  static constexpr std::chrono::microseconds kBucket{25};
  static constexpr std::size_t kBuckets = 1000;

  void record(Duration late) {
    if (late < Duration::zero()) late = Duration::zero();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(late);
    const auto b = static_cast<std::size_t>(us / kBucket);
    ++buckets_[b < kBuckets ? b : kBuckets];
    ++samples_;
    if (late > max_) max_ = late;
  }

  // q in [0, 1].
  Duration percentile(double q) const {
    if (samples_ == 0) return Duration::zero();
    const auto rank = static_cast<std::uint64_t>(q * static_cast<double>(samples_ - 1)) + 1;
    std::uint64_t seen = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      seen += buckets_[b];
      if (seen >= rank) {
        const Duration edge = kBucket * static_cast<int>(b + 1);
        return edge < max_ ? edge : max_;
      }
    }
    return max_;
  }

  LatenessSnapshot snapshot() const { return {samples_, percentile(0.5), percentile(0.99), max_}; }
  void reset() { *this = LatenessHistogram{}; }

 private:
  std::array<std::uint32_t, kBuckets + 1> buckets_{};
  std::uint64_t samples_ = 0;
  Duration max_{};
};

}  // namespace gw::daemon
