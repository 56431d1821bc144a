// AttemptPacer: pure, driven by plain time points (no io_context, no clock): when each slot's
// attempt begins, how many per wake-up, and when the caller's timer must go off.
#include "services/dial_peer/attempt_pacer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

namespace gw::daemon {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

class AttemptPacerTest : public ::testing::Test {
 protected:
  AttemptPacerTest() : pacer_(t0_) { pacer_.set_slots(1000); }

  // Polls at `now`; returns the (slot, due) pairs begun, in order.
  std::vector<std::pair<std::uint32_t, TimePoint>> poll(
      TimePoint now, std::optional<TimePoint> woke_for = std::nullopt) {
    std::vector<std::pair<std::uint32_t, TimePoint>> begun;
    pacer_.poll(now, woke_for,
                [&](std::uint32_t slot, TimePoint due) { begun.emplace_back(slot, due); });
    return begun;
  }
  std::vector<std::uint32_t> slots(std::uint32_t n) {
    std::vector<std::uint32_t> v(n);
    std::iota(v.begin(), v.end(), 0u);
    return v;
  }

  const TimePoint t0_ = TimePoint(std::chrono::hours(1));
  AttemptPacer pacer_;
};

TEST_F(AttemptPacerTest, AnAttemptBeginsAtTheTickBoundaryAtOrAfterItsDueTime) {
  const TimePoint due = t0_ + microseconds(1300);
  EXPECT_TRUE(pacer_.schedule(7, due));
  EXPECT_EQ(pacer_.arm(), t0_ + milliseconds(2));
  EXPECT_TRUE(poll(due).empty());
  EXPECT_TRUE(poll(t0_ + milliseconds(2) - microseconds(1)).empty());
  const auto begun = poll(t0_ + milliseconds(2));
  ASSERT_EQ(begun.size(), 1u);
  EXPECT_EQ(begun[0].first, 7u);
  EXPECT_EQ(begun[0].second, due);  // the due time, for the lateness: not the tick boundary
  EXPECT_FALSE(pacer_.waiting(7));
  EXPECT_TRUE(poll(t0_ + milliseconds(10)).empty());
}

TEST_F(AttemptPacerTest, AttemptsDueWithinOneTickShareOneWakeup) {
  pacer_.schedule(1, t0_ + microseconds(5100));
  pacer_.schedule(2, t0_ + microseconds(5900));
  pacer_.schedule(3, t0_ + microseconds(6000));
  EXPECT_EQ(pacer_.arm(), t0_ + milliseconds(6));
  EXPECT_EQ(poll(t0_ + milliseconds(6)).size(), 3u);
  EXPECT_EQ(pacer_.wakeups(), 1u);
}

TEST_F(AttemptPacerTest, TheTimerIsArmedOnlyForAnEarlierWakeup) {
  EXPECT_EQ(pacer_.arm(), std::nullopt);  // nothing waits
  EXPECT_TRUE(pacer_.schedule(1, t0_ + milliseconds(10)));
  EXPECT_EQ(pacer_.arm(), t0_ + milliseconds(10));
  EXPECT_FALSE(pacer_.schedule(2, t0_ + milliseconds(20)));  // the armed wake-up comes first
  EXPECT_EQ(pacer_.arm(), std::nullopt);
  EXPECT_TRUE(pacer_.schedule(3, t0_ + milliseconds(5)));
  EXPECT_EQ(pacer_.arm(), t0_ + milliseconds(5));
  EXPECT_EQ(pacer_.fired(), t0_ + milliseconds(5));  // what it was set for, once
  EXPECT_EQ(pacer_.fired(), std::nullopt);
  EXPECT_EQ(poll(t0_ + milliseconds(5)).size(), 1u);
  EXPECT_EQ(pacer_.arm(), t0_ + milliseconds(10));
}

TEST_F(AttemptPacerTest, APileUpBeginsAtMost32PerTickOldestFirstWithItsDueTimeKept) {
  static_assert(AttemptPacer::kAttemptsPerWakeup == 32);
  for (std::uint32_t i = 0; i < 100; ++i) pacer_.schedule(i, t0_ + milliseconds(1 + i / 10));
  const TimePoint late = t0_ + milliseconds(50);  // every one is due
  auto begun = poll(late);
  ASSERT_EQ(begun.size(), 32u);
  EXPECT_EQ(pacer_.deferred(), 68u);
  EXPECT_EQ(pacer_.backlog(), 68u);
  EXPECT_TRUE(poll(late).empty());  // again within the tick: the backlog waits for the next
  EXPECT_EQ(pacer_.arm(), late + milliseconds(1));
  std::vector<std::pair<std::uint32_t, TimePoint>> all = begun;
  for (int tick = 1; tick <= 3; ++tick) {
    begun = poll(late + milliseconds(tick));
    EXPECT_EQ(begun.size(), tick < 3 ? 32u : 4u) << tick;
    all.insert(all.end(), begun.begin(), begun.end());
  }
  ASSERT_EQ(all.size(), 100u);
  std::vector<bool> seen(100, false);
  for (std::size_t k = 0; k < all.size(); ++k) {
    const auto [slot, due] = all[k];
    EXPECT_FALSE(seen[slot]) << slot;
    seen[slot] = true;
    EXPECT_EQ(due, t0_ + milliseconds(1 + slot / 10)) << slot;  // kept, not the wake-up's
    if (k > 0) {
      EXPECT_LE(all[k - 1].second, due) << k;  // oldest first
    }
  }
  EXPECT_EQ(pacer_.wakeups(), 4u);
  EXPECT_EQ(pacer_.arm(), std::nullopt);
}

TEST_F(AttemptPacerTest, AWakeupThatCameLateBegins32PerLateTickAtMost8Times) {
  static_assert(AttemptPacer::kCatchUpTicks == 8);
  for (std::uint32_t i = 0; i < 600; ++i) pacer_.schedule(i, t0_ + milliseconds(1));
  TimePoint t = t0_ + milliseconds(100);
  EXPECT_EQ(poll(t, t).size(), 32u);  // on time
  t += milliseconds(4);
  EXPECT_EQ(poll(t, t - milliseconds(3)).size(), 128u);  // 3 ms late: 1 + 3 ticks' worth
  t += milliseconds(51);
  EXPECT_EQ(poll(t, t - milliseconds(50)).size(), 256u);  // no more than 8 x 32
  EXPECT_TRUE(poll(t, t).empty());
  t += milliseconds(1);
  EXPECT_EQ(poll(t, t).size(), 32u);
}

TEST_F(AttemptPacerTest, ACancelledSlotNeverBeginsNotEvenFromTheBacklog) {
  for (std::uint32_t i = 0; i < 40; ++i) pacer_.schedule(i, t0_ + milliseconds(i < 32 ? 1 : 2));
  ASSERT_EQ(poll(t0_ + milliseconds(2)).size(), 32u);  // 32..39 wait in the backlog
  EXPECT_TRUE(pacer_.waiting(35));
  pacer_.cancel(35);
  EXPECT_FALSE(pacer_.waiting(35));
  pacer_.cancel(2);  // begun already: nothing to cancel
  // Slot 36 is reused by another dial-peer at once, due later: its stale entry begins nothing.
  pacer_.cancel(36);
  pacer_.schedule(36, t0_ + milliseconds(9));
  std::vector<std::uint32_t> next;
  for (const auto& [slot, due] : poll(t0_ + milliseconds(3))) next.push_back(slot);
  std::sort(next.begin(), next.end());
  EXPECT_EQ(next, (std::vector<std::uint32_t>{32, 33, 34, 37, 38, 39}));
  const auto later = poll(t0_ + milliseconds(9));
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(later[0], std::make_pair(36u, t0_ + milliseconds(9)));
}

TEST_F(AttemptPacerTest, ADroppedBacklogBeginsNothing) {
  for (std::uint32_t i = 0; i < 40; ++i) pacer_.schedule(i, t0_ + milliseconds(i < 32 ? 1 : 2));
  ASSERT_EQ(poll(t0_ + milliseconds(2)).size(), 32u);
  EXPECT_TRUE(pacer_.waiting(39));
  pacer_.drop_backlog();
  EXPECT_EQ(pacer_.backlog(), 0u);
  EXPECT_FALSE(pacer_.waiting(39));
  EXPECT_TRUE(poll(t0_ + milliseconds(5)).empty());
}

TEST_F(AttemptPacerTest, FirstAttemptsStartAtTheNextTickBoundarySixteenPerTickInOrder) {
  static_assert(AttemptPacer::kFirstAttemptsPerTick == 16);
  const auto order = slots(40);
  EXPECT_TRUE(pacer_.schedule_first(order, std::chrono::seconds(10), t0_));
  EXPECT_EQ(pacer_.arm(), t0_ + milliseconds(1));  // not the origin's own tick
  std::vector<std::size_t> per_tick;
  for (int tick = 1; tick <= 4; ++tick) {
    const auto begun = poll(t0_ + milliseconds(tick));
    per_tick.push_back(begun.size());
    for (const auto& [slot, due] : begun) {
      EXPECT_EQ(slot / 16, static_cast<std::uint32_t>(tick - 1)) << slot;  // in the given order
      EXPECT_EQ(due, t0_ + milliseconds(tick));  // due on the boundary: no rounding
    }
  }
  EXPECT_EQ(per_tick, (std::vector<std::size_t>{16, 16, 8, 0}));
}

TEST_F(AttemptPacerTest, FirstAttemptsThatWouldOutlastTheShortestIntervalAreSpreadOverIt) {
  // 100 first attempts, shortest interval 5 ms: 20 per tick (not 16 over 7 ticks).
  pacer_.schedule_first(slots(100), milliseconds(5), t0_ + microseconds(300));
  std::vector<std::size_t> per_tick;
  for (int tick = 1; tick <= 6; ++tick) per_tick.push_back(poll(t0_ + milliseconds(tick)).size());
  EXPECT_EQ(per_tick, (std::vector<std::size_t>{20, 20, 20, 20, 20, 0}));
}

TEST_F(AttemptPacerTest, FirstAttemptsFromABoundaryAlreadyPolledGoToTheNextOne) {
  ASSERT_TRUE(poll(t0_ + milliseconds(3)).empty());
  pacer_.schedule_first(slots(2), std::chrono::seconds(10), t0_ + milliseconds(3));
  EXPECT_TRUE(poll(t0_ + milliseconds(3)).empty());
  EXPECT_EQ(poll(t0_ + milliseconds(4)).size(), 2u);
}

TEST_F(AttemptPacerTest, NoFirstAttemptsScheduleNothing) {
  EXPECT_FALSE(pacer_.schedule_first({}, std::chrono::seconds(10), t0_));
  EXPECT_EQ(pacer_.arm(), std::nullopt);
}

TEST_F(AttemptPacerTest, SlotsOnlyGrow) {
  pacer_.set_slots(10);
  EXPECT_EQ(pacer_.slots(), 1000u);
  pacer_.set_slots(2000);
  EXPECT_EQ(pacer_.slots(), 2000u);
  pacer_.schedule(1999, t0_ + milliseconds(1));
  EXPECT_TRUE(pacer_.waiting(1999));
}

}  // namespace
}  // namespace gw::daemon
