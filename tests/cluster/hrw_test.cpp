// Rendezvous hashing: stable, balanced, and a join or leave moves about 1/N of the tags.
#include "cluster/hrw.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cluster/settings.hpp"

namespace gw::cluster {
namespace {

std::vector<std::size_t> owners(const std::vector<std::string>& nodes, long n) {
  std::vector<std::uint64_t> h;
  for (const auto& x : nodes) h.push_back(node_hash(x));
  std::vector<std::size_t> out;
  for (long t = 1; t <= n; ++t) out.push_back(owner_index(t, h, nodes));
  return out;
}

TEST(Hrw, EmptyHasNoOwner) {
  EXPECT_EQ(owner_index(1, {}, {}), 0u);
}

TEST(Hrw, BalancedOverThreeNodes) {
  const std::vector<std::string> nodes{"a", "b", "c"};
  std::vector<int> count(3);
  for (auto o : owners(nodes, 30000)) ++count[o];
  for (int c : count) {
    EXPECT_GT(c, 9000);
    EXPECT_LT(c, 11000);
  }
}

TEST(Hrw, LeaveMovesOnlyTheLeaversShare) {
  const std::vector<std::string> before{"n1", "n2", "n3", "n4", "n5"};
  const std::vector<std::string> after{"n1", "n2", "n4", "n5"};
  auto a = owners(before, 50000);
  auto b = owners(after, 50000);
  int moved = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string& was = before[a[i]];
    const std::string& now = after[b[i]];
    if (was != now) {
      ++moved;
      EXPECT_EQ(was, "n3");  // only the leaver's tags move
    }
  }
  EXPECT_NEAR(moved / 50000.0, 1.0 / 5, 0.02);
}

TEST(Hrw, JoinTakesAboutOneOverN) {
  const std::vector<std::string> before{"n1", "n2", "n3"};
  const std::vector<std::string> after{"n1", "n2", "n3", "n4"};
  auto a = owners(before, 40000);
  auto b = owners(after, 40000);
  int moved = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (before[a[i]] != after[b[i]]) {
      ++moved;
      EXPECT_EQ(after[b[i]], "n4");  // only toward the joiner
    }
  }
  EXPECT_NEAR(moved / 40000.0, 1.0 / 4, 0.02);
}

TEST(Hrw, NodeNames) {
  EXPECT_TRUE(valid_node_name("sbc-1.example_a"));
  EXPECT_FALSE(valid_node_name(""));
  EXPECT_FALSE(valid_node_name("a/b"));
  EXPECT_FALSE(valid_node_name(std::string(65, 'a')));
}

}  // namespace
}  // namespace gw::cluster
