// The cluster's ownership hook of the dial-peer table: only the dial-peers the predicate gives
// this node are probed; an ownership change re-plans exactly the moved ones.
#include <gtest/gtest.h>

#include "dial_peer_configs.hpp"
#include "services/dial_peer/dial_peer_table.hpp"

namespace gw::daemon {
namespace {

std::vector<long> probed_tags(const DialPeerTable& t) {
  std::vector<long> tags;
  for (std::uint32_t i : t.by_tag()) tags.push_back(t.peer(i).tag);
  return tags;
}

TEST(DialPeerOwnership, OnlyOwnedDialPeersAreProbed) {
  const auto cfg = test::load(test::kDialPeerConfig);
  DialPeerTable t(1.0);
  long mine = 200;
  t.set_owned([&mine](long tag) { return tag == mine; });
  t.load(cfg);
  EXPECT_EQ(probed_tags(t), std::vector<long>{200});
  DialPeerKeepaliveSnapshot s;
  t.snapshot(s, [](std::uint32_t) { return std::string(); });
  EXPECT_EQ(s.peers.size(), 5u);  // the others stay in the view, not probed

  mine = 100;  // the assignment moved: 100 comes, 200 goes
  const std::vector<long> moved{100, 200};
  auto applied = t.apply(cfg, moved);
  EXPECT_EQ(probed_tags(t), std::vector<long>{100});
  EXPECT_EQ(applied.freed.size(), 1u);
  EXPECT_EQ(applied.added.size(), 1u);
}

TEST(DialPeerOwnership, NoPredicateProbesEverything) {
  DialPeerTable t(1.0);
  t.load(test::load(test::kDialPeerConfig));
  EXPECT_EQ(probed_tags(t), (std::vector<long>{100, 200}));
}

}  // namespace
}  // namespace gw::daemon
