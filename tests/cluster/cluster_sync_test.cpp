// ClusterSync: membership, assignment, batching, lease timing with a fake clock.
#include "cluster/cluster_sync.hpp"

#include <gtest/gtest.h>

#include "cluster/settings.hpp"

namespace gw::cluster {
namespace {

WatchMessage member_event(std::string name, bool deleted, std::int64_t rev) {
  WatchMessage m;
  m.revision = rev;
  WatchEvent e;
  e.deleted = deleted;
  e.kv.key = ClusterSync::member_key(name);
  e.kv.mod_revision = rev;
  m.events.push_back(e);
  return m;
}

TEST(ClusterSync, ALoneNodeOwnsEverything) {
  ClusterSync s("a", seconds(5));
  for (long t = 1; t < 100; ++t) EXPECT_TRUE(s.owns(t));
}

TEST(ClusterSync, MembersFromTheWatch) {
  ClusterSync s("a", seconds(5));
  auto c = s.on_watch(member_event("b", false, 3));
  EXPECT_EQ(c.joined, std::vector<std::string>{"b"});
  EXPECT_EQ(s.members().size(), 2u);
  EXPECT_EQ(s.watch_revision(), 3);
  int mine = 0;
  for (long t = 1; t <= 1000; ++t) mine += s.owns(t);
  EXPECT_GT(mine, 400);
  EXPECT_LT(mine, 600);
  c = s.on_watch(member_event("b", true, 4));
  EXPECT_EQ(c.left, std::vector<std::string>{"b"});
  c = s.on_watch(member_event("a", true, 5));
  EXPECT_TRUE(c.self_deleted);
  EXPECT_EQ(s.members(), std::vector<std::string>{"a"});  // self stays
}

TEST(ClusterSync, StatesFromOthersOnly) {
  ClusterSync s("a", seconds(5));
  WatchMessage m;
  m.revision = 9;
  WatchEvent e;
  e.kv.key = ClusterSync::state_key(42);
  e.kv.value = encode_state({false, "b", "1.2.3.4:5060", "udp", "timeout"});
  m.events.push_back(e);
  e.kv.key = ClusterSync::state_key(43);
  e.kv.value = encode_state({false, "a", "1.2.3.4:5060", "udp", "timeout"});
  m.events.push_back(e);
  e.kv.key = ClusterSync::state_key(44);
  e.kv.value = "not json";
  m.events.push_back(e);
  auto c = s.on_watch(m);
  EXPECT_EQ(c.states, std::vector<long>{42});
  ASSERT_TRUE(s.state_of(42));
  EXPECT_FALSE(s.state_of(42)->up);
  EXPECT_EQ(s.state_of(42)->node, "b");
}

TEST(ClusterSync, UpFromUnknownIsNoTransition) {
  ClusterSync s("a", seconds(5));
  EXPECT_FALSE(s.is_transition(1, {true, "b", "", "udp", ""}));
  EXPECT_TRUE(s.is_transition(1, {false, "b", "", "udp", "timeout"}));
  s.apply_state(1, {false, "b", "", "udp", "timeout"});
  EXPECT_TRUE(s.is_transition(1, {true, "c", "", "udp", ""}));
  EXPECT_FALSE(s.is_transition(1, {false, "c", "", "udp", "503"}));
}

TEST(ClusterSync, CompactedAsksForRerange) {
  ClusterSync s("a", seconds(5));
  WatchMessage m;
  m.compact_revision = 10;
  s.on_watch(m);
  EXPECT_TRUE(s.needs_rerange());
}

TEST(ClusterSync, PublicationBatchesOf128NewestWins) {
  ClusterSync s("a", seconds(5));
  for (long t = 1; t <= 300; ++t) s.publish(t, {false, "a", "x", "udp", "timeout"});
  s.publish(1, {true, "a", "x", "udp", ""});
  EXPECT_EQ(s.pending(), 300u);
  auto b1 = s.next_batch();
  EXPECT_EQ(b1.size(), kMaxOpsPerTxn);
  EXPECT_EQ(decode_state(b1[0].second)->up, true);
  s.publish(2, {true, "a", "x", "udp", ""});  // newer than the batch in flight
  s.batch_failed(b1);
  EXPECT_EQ(s.pending(), 300u);
  auto again = s.next_batch();
  EXPECT_TRUE(decode_state(again[1].second)->up);  // tag 2: the newer state kept
  EXPECT_EQ(s.next_batch().size(), 128u);
  EXPECT_EQ(s.next_batch().size(), 300u - 256u);
  EXPECT_TRUE(s.next_batch().empty());
}

TEST(ClusterSync, LeaseTimingWithAFakeClock) {
  FakeClock clock;
  ClusterSync s("a", seconds(6));
  EXPECT_FALSE(s.registered());
  s.lease_granted(77, clock.now());
  EXPECT_TRUE(s.registered());
  EXPECT_EQ(s.next_keepalive(), clock.now() + seconds(2));
  clock.advance(seconds(2));
  s.keepalive_ok(6, clock.now());
  clock.advance(seconds(5));
  EXPECT_FALSE(s.lease_lost(clock.now()));
  s.keepalive_failed(clock.now());
  EXPECT_EQ(s.next_keepalive(), clock.now() + seconds(1));
  clock.advance(seconds(1));
  EXPECT_TRUE(s.lease_lost(clock.now()));
  s.keepalive_ok(0, clock.now());  // etcd: TTL 0, the lease is gone
  EXPECT_FALSE(s.registered());
}

TEST(ClusterSync, StateKeys) {
  EXPECT_EQ(ClusterSync::tag_of_state_key("/gatewatch/states/17"), 17);
  EXPECT_FALSE(ClusterSync::tag_of_state_key("/gatewatch/states/"));
  EXPECT_FALSE(ClusterSync::tag_of_state_key("/gatewatch/states/1x"));
  EXPECT_FALSE(ClusterSync::tag_of_state_key("/other/1"));
}

}  // namespace
}  // namespace gw::cluster
