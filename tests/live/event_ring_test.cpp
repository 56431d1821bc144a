// EventRing: sequence numbers, the bound, `since` and `next` (design.md "Status page").
#include "live/event_ring.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gw::daemon {
namespace {

WallClock::time_point at(std::int64_t epoch_ms) {
  return WallClock::time_point(std::chrono::milliseconds(epoch_ms));
}

Event port_event(int i) {
  return Event{names::kVoicePortBusyout, {}}.with("port", "0/0/" + std::to_string(i));
}

std::vector<std::uint64_t> seqs(const EventPage& p) {
  std::vector<std::uint64_t> out;
  for (const auto& e : p.events) out.push_back(e->seq);
  return out;
}

TEST(EventRing, NumbersFromOneAndAnswersWhatCameAfterSince) {
  EventRing r;
  for (int i = 0; i < 5; ++i) r.push(port_event(i), at(1000 + i));
  auto all = r.read(0, 100);
  EXPECT_EQ(seqs(all), (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(all.next, 5u);  // the last one seen: pass it back as since
  EXPECT_EQ(all.dropped, 0u);
  EXPECT_EQ(seqs(r.read(3, 100)), (std::vector<std::uint64_t>{4, 5}));
  auto none = r.read(all.next, 100);  // caught up
  EXPECT_TRUE(none.events.empty());
  EXPECT_EQ(none.next, 5u);
  r.push(port_event(9), at(2000));
  EXPECT_EQ(seqs(r.read(none.next, 100)), (std::vector<std::uint64_t>{6}));
}

TEST(EventRing, EmptyRingAnswersNextZero) {
  EventRing r;
  const auto p = r.read(0, 10);
  EXPECT_TRUE(p.events.empty());
  EXPECT_EQ(p.next, 0u);
}

TEST(EventRing, KeepsTheLastCapacityAndCountsTheDropped) {
  EventRing r(100);
  EXPECT_EQ(r.capacity(), 100u);
  for (int i = 0; i < 250; ++i) r.push(port_event(i), at(i));
  const auto p = r.read(0, 1000);
  ASSERT_EQ(p.events.size(), 100u);
  EXPECT_EQ(p.events.front()->seq, 151u);
  EXPECT_EQ(p.events.back()->seq, 250u);
  EXPECT_EQ(p.next, 250u);
  const auto late = r.read(100, 1000);  // 101..150 are gone
  EXPECT_EQ(late.dropped, 50u);
  EXPECT_EQ(late.events.front()->seq, 151u);
  EXPECT_EQ(r.read(150, 1000).dropped, 0u);
}

TEST(EventRing, NeverKeepsFewerThanOneHundred) {
  EventRing r(3);
  EXPECT_EQ(r.capacity(), EventRing::kMinCapacity);
}

TEST(EventRing, MaxPerAnswerAndNextContinues) {
  EventRing r;
  for (int i = 0; i < 30; ++i) r.push(port_event(i), at(i));
  auto p = r.read(0, 10);
  EXPECT_EQ(seqs(p).front(), 1u);
  EXPECT_EQ(p.next, 10u);
  p = r.read(p.next, 10);
  EXPECT_EQ(seqs(p).front(), 11u);
  EXPECT_EQ(p.next, 20u);
}

TEST(EventRing, SinceFromAnotherRunStartsOver) {
  EventRing r;
  for (int i = 0; i < 3; ++i) r.push(port_event(i), at(i));
  const auto p = r.read(5000, 10);  // the daemon restarted under the client
  EXPECT_EQ(seqs(p), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(p.next, 3u);
  EXPECT_EQ(r.read(~std::uint64_t{0}, 10).events.size(), 3u);
}

TEST(EventRing, LatestGivesTheNewest) {
  EventRing r;
  for (int i = 0; i < 150; ++i) r.push(port_event(i), at(i));
  const auto p = r.latest(100);
  ASSERT_EQ(p.events.size(), 100u);
  EXPECT_EQ(p.events.front()->seq, 51u);
  EXPECT_EQ(p.next, 150u);
  EXPECT_EQ(r.latest(1000).events.size(), 150u);
}

TEST(EventRing, FormatIsTheEventsLinePlusSeq) {
  EventRing r;
  const auto ev = Event{names::kSipTargetDown, {}}
                      .with("target", "primary")
                      .with("address", "127.0.0.1:5060")
                      .with("transport", "udp")
                      .with("reason", "timeout");
  r.push(ev, at(1795996741123));
  const auto text = format_stamped_event(*r.read(0, 1).events.front());
  auto line = format_event_line(ev, at(1795996741123));
  line.pop_back();  // newline
  line.pop_back();  // }
  EXPECT_EQ(text, line + ",\"seq\":1}");
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["ts"], "2026-11-29T23:59:01.123Z");
  EXPECT_EQ(j["event"], "sip.target.down");
  EXPECT_EQ(j["reason"], "timeout");
  EXPECT_EQ(j["seq"], 1);
}

}  // namespace
}  // namespace gw::daemon
