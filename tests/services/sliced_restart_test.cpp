// SlicedRestart: pure bookkeeping of a live change applied a slice at a time.
#include "services/dial_peer/sliced_restart.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace gw::daemon {
namespace {

std::vector<long> range(long from, long to) {  // [from, to]
  std::vector<long> v(static_cast<std::size_t>(to - from + 1));
  std::iota(v.begin(), v.end(), from);
  return v;
}

TEST(SlicedRestart, TagsGoIn2048SlicesInOrder) {
  static_assert(SlicedRestart::kPerSlice == 2048);
  const config::Config next;
  SlicedRestart r(next, range(1, 5000));
  EXPECT_EQ(&r.next(), &next);
  std::vector<std::size_t> sizes;
  long expect = 1;
  while (!r.done()) {
    const auto s = r.slice();
    sizes.push_back(s.size());
    for (long tag : s) EXPECT_EQ(tag, expect++);
    r.advance(s.size());
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{2048, 2048, 904}));
  EXPECT_TRUE(r.slice().empty());
}

TEST(SlicedRestart, ATakeOverJoinsWhatTheEarlierOneHasNotReachedAndKeepsItsCounts) {
  const config::Config first, second;
  SlicedRestart earlier(first, range(1, 5000));
  earlier.advance(earlier.slice().size());  // 1..2048 applied
  earlier.added = {7, 8, 9};
  for (int i = 0; i < 40; ++i) earlier.count_change();
  std::vector<long> tags = range(1, 10);
  tags.push_back(6000);
  SlicedRestart r(second, tags, std::move(earlier));
  EXPECT_EQ(&r.next(), &second);
  EXPECT_EQ(r.added, (std::vector<std::uint32_t>{7, 8, 9}));
  EXPECT_EQ(r.unlogged(), 8u);
  std::vector<long> all;
  while (!r.done()) {
    const auto s = r.slice();
    all.insert(all.end(), s.begin(), s.end());
    r.advance(s.size());
  }
  std::vector<long> expect = range(1, 10);
  const auto rest = range(2049, 5000);
  expect.insert(expect.end(), rest.begin(), rest.end());
  expect.push_back(6000);
  EXPECT_EQ(all, expect);  // sorted, each once
}

TEST(SlicedRestart, TheFirst32ChangesAreLoggedOneByOneTheRestCounted) {
  static_assert(SlicedRestart::kLoggedChanges == 32);
  const config::Config next;
  SlicedRestart r(next, range(1, 100));
  int logged = 0;
  for (int i = 0; i < 100; ++i) logged += r.count_change() ? 1 : 0;
  EXPECT_EQ(logged, 32);
  EXPECT_EQ(r.unlogged(), 68u);
}

}  // namespace
}  // namespace gw::daemon
