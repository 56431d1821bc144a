// EventRing: the last events of the `--events` stream, each with a sequence number, for the
// status page (`GET /api/v1/events?since=N`, design.md "Status page").
// Contract:
// - push(event, ts) (the io_context's thread) keeps a copy of the event with its time stamp and
//   the next sequence number (1, 2, 3 ...); only the last `capacity` (>= 100) are kept, the
//   oldest dropped first. Memory: capacity entries, whatever the event rate.
// - read(since, max) (any thread) returns the kept events whose seq > since (the last one the
//   caller saw; 0: all kept), oldest first, at most `max` of them, and `next`: the seq of the
//   last one returned, to pass as `since` next time (none returned: `since` itself). A
//   `since` beyond the last seq given out (the daemon restarted under a client) answers as
//   since = 0. `dropped` counts the events after `since` that are no longer kept.
//   latest(n) is read() of the last n kept.
// - The lock is held for a push (one move) or for copying out shared pointers, never while an
//   event is formatted: a reader costs the pushing thread at most the copy of `max` pointers.
// Thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "report/event.hpp"

namespace gw::daemon {

struct StampedEvent {
  std::uint64_t seq = 0;
  WallClock::time_point ts;
  Event event;
};

struct EventPage {
  std::uint64_t next = 0;
  std::uint64_t dropped = 0;
  std::vector<std::shared_ptr<const StampedEvent>> events;  // oldest first
};

class EventRing {
 public:
  static constexpr std::size_t kDefaultCapacity = 256;
  static constexpr std::size_t kMinCapacity = 100;

  explicit EventRing(std::size_t capacity = kDefaultCapacity);

  void push(const Event& event, WallClock::time_point ts);
  EventPage read(std::uint64_t since, std::size_t max) const;
  // The last `n` kept events (and `next` as read() gives it).
  EventPage latest(std::size_t n) const;
  std::size_t capacity() const { return slots_.size(); }

 private:
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<const StampedEvent>> slots_;  // slot = (seq - 1) % capacity
  std::uint64_t next_seq_ = 1;
};

// The JSON object of one kept event: the `--events` line's object (ts, event, fields) with
// "seq" appended; no trailing newline.
std::string format_stamped_event(const StampedEvent& e);

}  // namespace gw::daemon
