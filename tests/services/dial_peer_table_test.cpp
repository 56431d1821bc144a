// DialPeerTable: pure, from configuration text: which dial-peers get a slot, how a live change
// edits the table (only the dial-peers it names, tag order kept), and the busyout count.
#include "services/dial_peer/dial_peer_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "config/config_diff.hpp"
#include "dial_peer_configs.hpp"

namespace gw::daemon {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;
using test::load;

std::vector<long> probed_tags(const DialPeerTable& t) {
  std::vector<long> tags;
  for (std::uint32_t i : t.by_tag()) tags.push_back(t.peer(i).tag);
  return tags;
}

DialPeerKeepaliveSnapshot snap(const DialPeerTable& t) {
  DialPeerKeepaliveSnapshot s;
  t.snapshot(s, [](std::uint32_t slot) { return "slot " + std::to_string(slot); });
  return s;
}

// Runs one attempt of the slot's session to the end at `t`, with `outcome`.
Result<keepalive::Transition> attempt(DialPeerTable& table, std::uint32_t slot, TimePoint t,
                                      const AttemptOutcome& outcome) {
  auto& s = table.peer(slot).session;
  EXPECT_TRUE(
      (s.phase() == keepalive::TargetSession::Phase::idle ? s.start(t) : s.begin_attempt(t)).ok());
  return table.on_attempt_result(slot, t, outcome);
}

// The table of `from`, then `to` applied: a live change between the two.
struct Changed {
  DialPeerTable table{1.0};
  config::Config from, to;
  DialPeerTable::Applied applied;
  Changed(const std::string& a, const std::string& b) : from(load(a)), to(load(b)) {
    table.load(from);
    applied = table.apply(to, diff_config(from, to).dial_peers);
  }
};

TEST(DialPeerTable, LoadGivesTheProbedDialPeersSlotsInTagOrderAndKeepsTheOthersForShow) {
  DialPeerTable t(1.0);
  t.load(load(test::kDialPeerConfig));
  EXPECT_EQ(probed_tags(t), (std::vector<long>{100, 200}));
  EXPECT_EQ(t.slots(), 2u);
  EXPECT_EQ(t.peer(t.by_tag()[1]).target.transport, Transport::tcp);
  const auto s = snap(t);
  ASSERT_EQ(s.peers.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(s.peers[i].tag, static_cast<long>(100 * (i + 1)));
  EXPECT_TRUE(s.peers[0].keepalive);
  EXPECT_EQ(s.peers[0].address, "slot " + std::to_string(t.by_tag()[0]));
  EXPECT_FALSE(s.peers[2].keepalive);  // profile 2 is shut
  EXPECT_EQ(s.peers[2].profile, 2);
  EXPECT_EQ(s.peers[2].transport, Transport::udp);
  EXPECT_FALSE(s.peers[3].admin_up);
  EXPECT_EQ(s.peers[4].session_target, "ipv4:127.0.0.1:5100");
  EXPECT_EQ(s.profiles.size(), 2u);
}

TEST(DialPeerTable, TimeScaleScalesThePlannedIntervals) {
  DialPeerTable t(0.5);
  t.load(load(test::kDialPeerConfig));
  EXPECT_EQ(t.peer(t.by_tag()[0]).session.policy().active_interval, std::chrono::seconds(5));
  EXPECT_EQ(t.shortest_interval(t.by_tag()), std::chrono::seconds(5));  // 200: 10 s
}

TEST(DialPeerTable, AChangeReplacesOnlyItsDialPeerAndReusesTheFreedSlot) {
  Changed c(test::three_peers(), test::three_peers(6009));
  ASSERT_EQ(c.applied.freed.size(), 1u);
  ASSERT_EQ(c.applied.added.size(), 1u);
  EXPECT_EQ(c.applied.added[0], c.applied.freed[0]);  // the slot of dial-peer 2, reused
  EXPECT_EQ(c.table.peer(c.applied.added[0]).target.server.port, 6009);
  EXPECT_EQ(probed_tags(c.table), (std::vector<long>{1, 2, 3}));
  ASSERT_EQ(c.applied.changes.size(), 1u);
  EXPECT_EQ(c.applied.changes[0].tag, 2);
  EXPECT_TRUE(c.applied.changes[0].was_probed);
  EXPECT_TRUE(c.applied.changes[0].probed);
}

TEST(DialPeerTable, TheOthersKeepTheirSlotAndSession) {
  DialPeerTable t(1.0);
  const auto from = load(test::three_peers());
  t.load(from);
  const std::uint32_t one = t.by_tag()[0];
  const TimePoint at(std::chrono::hours(1));
  ASSERT_TRUE(attempt(t, one, at, AttemptOutcome::failed(FailureReason::timeout)).ok());
  const auto to = load(test::three_peers(6009));
  t.apply(to, diff_config(from, to).dial_peers);
  EXPECT_EQ(t.by_tag()[0], one);
  EXPECT_EQ(t.peer(one).session.failures(), 1u);
  EXPECT_EQ(t.peer(one).session.state(), keepalive::TargetState::down);
  EXPECT_EQ(t.busyout(), 1u);
}

TEST(DialPeerTable, ChangesSayWhatBecameOfEachDialPeerAndCarryThePlansNote) {
  std::string text = test::three_peers();
  const auto cut = text.find("dial-peer voice 3 voip");
  text.erase(cut, text.find("!\n", cut) + 2 - cut);  // 3 goes
  text +=
      "dial-peer voice 4 voip\n session target ipv4:127.0.0.1:6004\n"
      " voice-class sip options-keepalive profile 1\n!\n"
      "dial-peer voice 5 voip\n session target ipv4:127.0.0.1:6005\n"
      " voice-class sip options-keepalive\n!\n";
  DialPeerTable t(1.0);
  const auto from = load(test::three_peers());
  t.load(from);
  auto to = load(text);
  to.dial_peers[4].keepalive_profile = 9;  // not configured: a note, no probe
  const auto applied = t.apply(to, diff_config(from, to).dial_peers);
  ASSERT_EQ(applied.changes.size(), 3u);
  const auto& [three, four, five] =
      std::tie(applied.changes[0], applied.changes[1], applied.changes[2]);
  EXPECT_EQ(three.tag, 3);
  EXPECT_TRUE(three.was_probed && !three.probed);
  EXPECT_EQ(four.tag, 4);
  EXPECT_TRUE(!four.was_probed && !four.probed);
  EXPECT_EQ(four.note, "dial-peer 4: profile 9 is not configured");
  EXPECT_EQ(five.tag, 5);
  EXPECT_TRUE(!five.was_probed && five.probed);
  EXPECT_EQ(probed_tags(t), (std::vector<long>{1, 2, 5}));
  const auto s = snap(t);
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_EQ(s.notes[0], four.note);
  std::vector<long> tags;
  for (const auto& p : s.peers) tags.push_back(p.tag);
  EXPECT_EQ(tags, (std::vector<long>{1, 2, 4, 5, 500}));
}

TEST(DialPeerTable, ABulkChangeKeepsTheTagOrderAcrossProbedAndNot) {
  static_assert(DialPeerTable::kFewChanges == 64);
  // 200 dial-peers; the 100 even ones stop, then come back: the in-range merge path.
  const auto text = [](bool even_probed) {
    std::string t = "voice class sip-options-keepalive 1\n up-interval 10\n!\n";
    for (int tag = 1; tag <= 200; ++tag) {
      t += "dial-peer voice " + std::to_string(tag) +
           " voip\n session target ipv4:127.0.0.1:" + std::to_string(7000 + tag) + "\n";
      if (tag % 2 == 1 || even_probed) t += " voice-class sip options-keepalive profile 1\n";
      t += "!\n";
    }
    return t;
  };
  Changed c(text(true), text(false));
  EXPECT_EQ(c.applied.freed.size(), 100u);
  EXPECT_TRUE(c.applied.added.empty());
  EXPECT_EQ(c.table.probed(), 100u);
  EXPECT_TRUE(std::is_sorted(
      c.table.by_tag().begin(), c.table.by_tag().end(),
      [&](std::uint32_t a, std::uint32_t b) { return c.table.peer(a).tag < c.table.peer(b).tag; }));
  auto s = snap(c.table);
  ASSERT_EQ(s.peers.size(), 200u);
  for (int tag = 1; tag <= 200; ++tag) {
    ASSERT_EQ(s.peers[static_cast<std::size_t>(tag - 1)].tag, tag);
    EXPECT_EQ(s.peers[static_cast<std::size_t>(tag - 1)].keepalive, tag % 2 == 1) << tag;
  }
  const auto back = load(text(true));
  const auto applied = c.table.apply(back, diff_config(c.to, back).dial_peers);
  EXPECT_EQ(applied.added.size(), 100u);
  EXPECT_EQ(c.table.slots(), 200u);  // the freed slots are taken again, none added
  EXPECT_EQ(probed_tags(c.table).size(), 200u);
  s = snap(c.table);
  for (int tag = 1; tag <= 200; ++tag) {
    ASSERT_EQ(s.peers[static_cast<std::size_t>(tag - 1)].tag, tag);
    EXPECT_TRUE(s.peers[static_cast<std::size_t>(tag - 1)].keepalive) << tag;
  }
}

TEST(DialPeerTable, APartOfTheTagsAtATimeGivesTheSameTableAsAllAtOnce) {
  // A sliced restart applies a sorted run in parts: few-path and bulk-path parts alike.
  std::string from = test::many_peers(300), to = from;
  to.replace(to.find("up-interval 10"), 14, "up-interval 20");
  DialPeerTable whole(1.0), parts(1.0);
  const auto a = load(from), b = load(to);
  whole.load(a);
  parts.load(a);
  const auto tags = diff_config(a, b).dial_peers;
  ASSERT_EQ(tags.size(), 300u);
  whole.apply(b, tags);
  const std::span<const long> all(tags);
  parts.apply(b, all.subspan(0, 10));    // few
  parts.apply(b, all.subspan(10, 200));  // bulk
  parts.apply(b, all.subspan(210));      // bulk
  EXPECT_EQ(probed_tags(parts), probed_tags(whole));
  for (std::uint32_t i : parts.by_tag())
    EXPECT_EQ(parts.peer(i).session.policy().active_interval, std::chrono::seconds(20));
}

TEST(DialPeerTable, BusyoutFollowsTransitionsAndARemovedBusiedOutDialPeerLeavesIt) {
  DialPeerTable t(1.0);
  const auto from = load(test::three_peers());
  t.load(from);
  const TimePoint at(std::chrono::hours(1));
  const std::uint32_t two = t.by_tag()[1];
  auto tr = attempt(t, two, at, AttemptOutcome::failed(FailureReason::timeout));
  ASSERT_TRUE(tr.ok());
  EXPECT_EQ(tr->change, keepalive::Transition::Change::went_down);
  EXPECT_EQ(t.busyout(), 1u);
  tr = attempt(t, two, at + std::chrono::seconds(5), keepalive::classify(200));
  EXPECT_EQ(tr->change, keepalive::Transition::Change::went_up);
  EXPECT_EQ(t.busyout(), 0u);
  ASSERT_TRUE(
      attempt(t, two, at + std::chrono::seconds(15), AttemptOutcome::failed(FailureReason::timeout))
          .ok());
  EXPECT_EQ(t.busyout(), 1u);
  const auto to = load(test::three_peers(6009));  // dial-peer 2 restarts: a fresh session
  t.apply(to, diff_config(from, to).dial_peers);
  EXPECT_EQ(t.busyout(), 0u);
  EXPECT_EQ(t.probed(), 3u);
}

TEST(DialPeerTable, UnstartedSkipsBegunFreedAndRepeatedSlots) {
  DialPeerTable t(1.0);
  const auto from = load(test::three_peers());
  t.load(from);
  const auto slot = t.by_tag();
  ASSERT_TRUE(t.peer(slot[0]).session.start(TimePoint(std::chrono::hours(1))).ok());  // begun
  t.peer(slot[1]).probing = true;
  std::string to = test::three_peers();
  const auto cut = to.find("dial-peer voice 3 voip");
  to.erase(cut, to.find("!\n", cut) + 2 - cut);
  const auto freed = t.apply(load(to), diff_config(from, load(to)).dial_peers).freed;
  ASSERT_EQ(freed, (std::vector<std::uint32_t>{slot[2]}));
  EXPECT_TRUE(t.unstarted(std::vector<std::uint32_t>{slot[0], slot[1], slot[2]}).empty());
  t.peer(slot[1]).probing = false;
  EXPECT_EQ(t.unstarted(std::vector<std::uint32_t>{slot[1], slot[2], slot[1]}),
            (std::vector<std::uint32_t>{slot[1]}));
  t.clear_probing();
  EXPECT_FALSE(t.peer(slot[0]).probing);
}

}  // namespace
}  // namespace gw::daemon
