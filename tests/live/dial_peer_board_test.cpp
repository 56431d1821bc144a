// DialPeerBoard: not-active dial-peers from the dial-peer events, query order, filter, bounds.
#include "live/dial_peer_board.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "report/dial_peer_wording.hpp"

namespace gw::daemon {
namespace {

const WallClock::time_point kT{std::chrono::seconds(1'800'000'000)};

Event down(long tag, std::string address = "10.0.0.1:5060", std::string reason = "timeout") {
  return Event{names::kDialPeerDown, {}}
      .with("dial_peer", static_cast<std::int64_t>(tag))
      .with("address", std::move(address))
      .with("transport", "udp")
      .with("reason", std::move(reason));
}

Event up(long tag) {
  return Event{names::kDialPeerUp, {}}
      .with("dial_peer", static_cast<std::int64_t>(tag))
      .with("address", "10.0.0.1:5060")
      .with("transport", "udp");
}

std::vector<long> tags(const NotActivePage& p) {
  std::vector<long> out;
  for (const auto& r : p.rows) out.push_back(r.tag);
  return out;
}

TEST(DialPeerBoard, DownEntersUpLeaves) {
  DialPeerBoard b;
  b.observe(down(7), kT);
  b.observe(down(3, "10.0.0.3:5060", "503"), kT);
  b.observe(Event{names::kVoicePortBusyout, {}}.with("port", "0/0/1"), kT);  // ignored
  auto p = b.query("", 100);
  EXPECT_EQ(p.busyout, 2u);
  EXPECT_EQ(p.matched, 2u);
  EXPECT_EQ(tags(p), (std::vector<long>{3, 7}));
  EXPECT_EQ(p.rows[0].state, "busyout");
  EXPECT_EQ(p.rows[0].address, "10.0.0.3:5060");
  EXPECT_EQ(p.rows[0].reason, "503");
  EXPECT_EQ(p.rows[0].transport, "udp");
  EXPECT_EQ(p.rows[0].since, kT);
  b.observe(up(3), kT);
  EXPECT_EQ(tags(b.query("", 100)), (std::vector<long>{7}));
  b.observe(up(99), kT);  // not on the board: nothing happens
  EXPECT_EQ(b.busyout(), 1u);
}

TEST(DialPeerBoard, BusyoutFirstThenPartialEachByTag) {
  DialPeerBoard b;
  b.set_partial(1, "sg:10", "udp", kT);
  b.observe(down(5), kT);
  b.set_partial(2, "sg:10", "udp", kT);
  b.observe(down(4), kT);
  auto p = b.query("", 100);
  EXPECT_EQ(tags(p), (std::vector<long>{4, 5, 1, 2}));
  EXPECT_EQ(p.partial, 2u);
  EXPECT_EQ(p.rows[2].state, "partial");
  b.clear_partial(1);
  EXPECT_EQ(b.partial(), 1u);
}

TEST(DialPeerBoard, LimitBoundsRowsNotCounts) {
  DialPeerBoard b;
  for (long t = 1; t <= 5000; ++t) b.observe(down(t), kT);
  auto p = b.query("", 100);
  EXPECT_EQ(p.rows.size(), 100u);
  EXPECT_EQ(p.matched, 5000u);
  EXPECT_EQ(p.rows.front().tag, 1);
  EXPECT_EQ(p.rows.back().tag, 100);
}

TEST(DialPeerBoard, FilterMatchesTagAddressReasonStateAcrossChunks) {
  DialPeerBoard b;
  // More than one chunk, so the scan resumes after the lock is released.
  const long n = static_cast<long>(DialPeerBoard::kChunk) * 3 + 7;
  for (long t = 1; t <= n; ++t)
    b.observe(down(t, "10.0." + std::to_string(t % 7) + ".1:5060", t % 2 ? "timeout" : "503"), kT);
  auto p = b.query("10.0.3.", 5);
  EXPECT_EQ(p.rows.size(), 5u);
  std::size_t want = 0;
  for (long t = 1; t <= n; ++t) want += t % 7 == 3;
  EXPECT_EQ(p.matched, want);
  for (const auto& r : p.rows) EXPECT_EQ(r.tag % 7, 3);
  std::size_t with_503 = 0;  // the reason, or the tag (503, 1503, ...)
  for (long t = 1; t <= n; ++t)
    with_503 += t % 2 == 0 || std::to_string(t).find("503") != std::string::npos;
  EXPECT_EQ(b.query("503", 0).matched, with_503);
  EXPECT_EQ(b.query("TIMEOUT", 0).matched, static_cast<std::size_t>(n - n / 2));  // any case
  EXPECT_EQ(tags(b.query(std::to_string(n - 5), 10)), (std::vector<long>{n - 5}));
  EXPECT_EQ(b.query("busyout", 0).matched, static_cast<std::size_t>(n));
  EXPECT_EQ(b.query("nothing-like-this", 10).matched, 0u);
}

TEST(DialPeerBoard, PruneDropsWhatTheServiceSaysIsUp) {
  DialPeerBoard b;
  for (long t = 1; t <= 10; ++t) b.observe(down(t), kT);
  const std::set<long> still_down{2, 4, 6};
  const auto up_fn = [&](long tag) { return !still_down.contains(tag); };
  EXPECT_EQ(b.prune(up_fn, 4), 2u);  // 1..4 checked (the budget): 1 and 3 dropped
  std::size_t total = 2;
  while (b.busyout() > 3) total += b.prune(up_fn, 4);
  EXPECT_EQ(total, 7u);
  EXPECT_EQ(tags(b.query("", 100)), (std::vector<long>{2, 4, 6}));
  EXPECT_EQ(b.prune(up_fn, 100), 0u);
}

TEST(DialPeerBoard, TheWordingsEventsAreUnderstood) {
  DialPeerBoard b;
  config::KeepaliveTarget target;
  target.transport = Transport::tcp;
  b.observe(dial_peer_event(DialPeerChange{.tag = 42,
                                           .up = false,
                                           .address = "192.0.2.1:5060",
                                           .target = target,
                                           .reason = keepalive::FailureReason::refused}),
            kT);
  auto p = b.query("", 10);
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].tag, 42);
  EXPECT_EQ(p.rows[0].transport, "tcp");
  EXPECT_EQ(p.rows[0].reason, "refused");
}

TEST(DialPeerBoard, ChangesWhileAReaderWalksAreAllKeptInOrder) {
  DialPeerBoard b;
  for (long t = 1; t <= 5000; ++t) b.observe(down(t), kT);
  std::atomic<bool> stop{false};
  std::thread reader([&] {
    while (!stop) b.query("no-such-peer", 10);  // holds the lock chunk after chunk
  });
  for (long t = 1; t <= 2000; ++t) b.observe(up(t), kT);  // queued when the reader has it
  for (long t = 1; t <= 1000; ++t) b.observe(down(t, "10.9.9.9:5060"), kT);
  stop = true;
  reader.join();
  const auto p = b.query("", 5000);
  EXPECT_EQ(p.busyout, 4000u);
  EXPECT_EQ(b.busyout(), 4000u);
  ASSERT_EQ(p.rows.size(), 4000u);
  EXPECT_EQ(p.rows[999].tag, 1000);
  EXPECT_EQ(p.rows[999].address, "10.9.9.9:5060");
  EXPECT_EQ(p.rows[1000].tag, 2001);
}

TEST(ContainsNocase, Basics) {
  EXPECT_TRUE(contains_nocase("Timeout", "time"));
  EXPECT_TRUE(contains_nocase("abc", ""));
  EXPECT_FALSE(contains_nocase("ab", "abc"));
}

}  // namespace
}  // namespace gw::daemon
