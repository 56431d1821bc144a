// Rules of the wheel (see timer_wheel.hpp): a timer due at offset `when` from the origin is
// linked into slot (ceil(when / tick) & mask), a doubly-linked list threaded through the node
// slab by index; `occupied_` has the slot's bit set iff its list is non-empty; a node is either
// linked in exactly one slot or on the free list (generation bumped on release, so stale
// handles never match).
#include "base/timer_wheel.hpp"

#include <algorithm>
#include <bit>
#include <cassert>

namespace gw::keepalive {

TimerWheel::TimerWheel(TimePoint origin, Duration tick, std::size_t slots)
    : origin_(origin), tick_(tick > Duration::zero() ? tick : Duration(1)) {
  const std::size_t n = std::bit_ceil(std::max<std::size_t>(slots, 64));
  mask_ = n - 1;
  heads_.assign(n, kNone);
  occupied_.assign(n / 64, 0);
}

std::int64_t TimerWheel::tick_of(TimePoint at) const {
  if (at <= origin_) return 0;
  const auto d = at - origin_;
  return (d + tick_ - Duration(1)) / tick_;  // ceil
}

TimePoint TimerWheel::fire_time(TimePoint at, std::int64_t every) const {
  const std::int64_t t = tick_of(at);
  if (every <= 1) return time_of(t);
  return time_of((t + every - 1) / every * every);
}

TimerWheel::Handle TimerWheel::schedule(TimePoint at, std::uint32_t payload) {
  std::uint32_t i;
  if (free_ != kNone) {
    i = free_;
    free_ = nodes_[i].next;
  } else {
    if (nodes_.size() >= kNone - 1) return Handle{};
    i = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back(Node{});
  }
  Node& n = nodes_[i];
  // Never due at or before the last advance's now: it fires in the next advance, not this one.
  const std::int64_t when = at <= origin_ ? 0 : (at - origin_).count();
  n.when = std::max(when, now_ + 1);
  n.payload = payload;
  link(i);
  ++live_;
  return Handle{i, n.generation};
}

std::optional<std::uint32_t> TimerWheel::cancel(Handle h) {
  if (!h.valid() || h.index >= nodes_.size()) return std::nullopt;
  Node& n = nodes_[h.index];
  if (n.generation != h.generation || n.when < 0) return std::nullopt;
  const std::uint32_t payload = n.payload;
  unlink(h.index);
  release(h.index);
  return payload;
}

void TimerWheel::link(std::uint32_t i) {
  Node& n = nodes_[i];
  const std::size_t s = static_cast<std::size_t>(tick_of_offset(n.when)) & mask_;
  n.prev = kNone;
  n.next = heads_[s];
  if (n.next != kNone) nodes_[n.next].prev = i;
  heads_[s] = i;
  occupied_[s / 64] |= std::uint64_t{1} << (s % 64);
}

void TimerWheel::unlink(std::uint32_t i) {
  Node& n = nodes_[i];
  const std::size_t s = static_cast<std::size_t>(tick_of_offset(n.when)) & mask_;
  if (n.prev != kNone)
    nodes_[n.prev].next = n.next;
  else
    heads_[s] = n.next;
  if (n.next != kNone) nodes_[n.next].prev = n.prev;
  if (heads_[s] == kNone) occupied_[s / 64] &= ~(std::uint64_t{1} << (s % 64));
}

void TimerWheel::release(std::uint32_t i) {
  Node& n = nodes_[i];
  n.when = -1;  // marks "not scheduled"
  ++n.generation;
  n.prev = kNone;
  n.next = free_;
  free_ = i;
  assert(live_ > 0);
  --live_;
}

void TimerWheel::collect_due(std::size_t s, std::int64_t now) {
  due_.clear();
  std::uint32_t i = heads_[s];
  while (i != kNone) {
    const std::uint32_t next = nodes_[i].next;
    if (nodes_[i].when <= now) {
      due_.push_back(Due{nodes_[i].when, nodes_[i].payload});
      unlink(i);
      release(i);
    }
    i = next;
  }
}

std::optional<TimePoint> TimerWheel::next_wakeup() const {
  if (live_ == 0) return std::nullopt;
  const std::size_t n = mask_ + 1;
  const std::size_t start = static_cast<std::size_t>(current_ + 1) & mask_;
  // Scan the bitmap from `start`, wrapping once.
  for (std::size_t scanned = 0; scanned <= n;) {
    const std::size_t s = (start + scanned) & mask_;
    const std::uint64_t word = occupied_[s / 64] >> (s % 64);
    if (word != 0) {
      const std::size_t off = scanned + static_cast<std::size_t>(std::countr_zero(word));
      const std::int64_t k = current_ + 1 + static_cast<std::int64_t>(off);
      // The slot's timers of tick k (not of a later revolution): the earliest deadline.
      const std::int64_t end = k * tick_.count();
      std::int64_t earliest = end + 1;
      for (std::uint32_t i = heads_[(start + off) & mask_]; i != kNone; i = nodes_[i].next) {
        earliest = std::min(earliest, nodes_[i].when);
      }
      return earliest <= end ? deadline_of(earliest) : time_of(k);
    }
    scanned += 64 - (s % 64);
  }
  return std::nullopt;  // unreachable while live_ > 0
}

std::size_t TimerWheel::memory_bytes() const {
  return nodes_.capacity() * sizeof(Node) + heads_.capacity() * sizeof(std::uint32_t) +
         occupied_.capacity() * sizeof(std::uint64_t);
}

}  // namespace gw::keepalive
