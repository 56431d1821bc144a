#include "ops/control_peer.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

PeerPolicy policy(std::optional<gid_t> group) {
  // Fake membership: uid 2001 is in group 500 as a supplementary group.
  return PeerPolicy{1000, group, [](uid_t uid, gid_t gid) { return uid == 2001 && gid == 500; }};
}

TEST(PeerPolicy, OwnerAndRootAreAllowed) {
  EXPECT_TRUE(peer_allowed(policy(std::nullopt), {1, 1000, 1000}));
  EXPECT_TRUE(peer_allowed(policy(std::nullopt), {1, 0, 0}));
}

TEST(PeerPolicy, OtherUidIsRefusedWithoutGroup) {
  EXPECT_FALSE(peer_allowed(policy(std::nullopt), {1, 2000, 500}));
  EXPECT_FALSE(peer_allowed(policy(std::nullopt), {1, 2001, 2001}));
}

TEST(PeerPolicy, GroupAdmitsPrimaryGidAndMembers) {
  EXPECT_TRUE(peer_allowed(policy(500), {1, 2000, 500}));
  EXPECT_TRUE(peer_allowed(policy(500), {1, 2001, 2001}));
  EXPECT_FALSE(peer_allowed(policy(500), {1, 2002, 2002}));
}

TEST(PeerPolicy, MissingMembershipFunctionMeansPrimaryGidOnly) {
  PeerPolicy p{1000, 500, {}};
  EXPECT_TRUE(peer_allowed(p, {1, 2000, 500}));
  EXPECT_FALSE(peer_allowed(p, {1, 2001, 2001}));
}

}  // namespace
}  // namespace gw::daemon
