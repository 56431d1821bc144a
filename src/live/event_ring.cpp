#include "live/event_ring.hpp"

#include <algorithm>

namespace gw::daemon {

EventRing::EventRing(std::size_t capacity) : slots_(std::max(capacity, kMinCapacity)) {}

void EventRing::push(const Event& event, WallClock::time_point ts) {
  // The copy is made before the lock: a reader waits for a pointer swap only.
  auto e = std::make_shared<StampedEvent>();
  e->ts = ts;
  e->event = event;
  std::shared_ptr<const StampedEvent> old;  // released after the lock
  std::lock_guard lock(mutex_);
  e->seq = next_seq_++;
  auto& slot = slots_[(e->seq - 1) % slots_.size()];
  old = std::move(slot);
  slot = std::move(e);
}

EventPage EventRing::read(std::uint64_t since, std::size_t max) const {
  EventPage page;
  std::lock_guard lock(mutex_);
  const std::uint64_t cap = slots_.size();
  const std::uint64_t last = next_seq_ - 1;  // 0: none yet
  const std::uint64_t oldest = next_seq_ > cap ? next_seq_ - cap : 1;
  if (since > last) since = 0;  // a sequence from before a restart
  const std::uint64_t from = std::max<std::uint64_t>(since + 1, oldest);
  if (from > since + 1) page.dropped = from - since - 1;
  const std::uint64_t to = std::min<std::uint64_t>(next_seq_, from + max);  // exclusive
  page.events.reserve(to > from ? to - from : 0);
  for (std::uint64_t s = from; s < to; ++s) page.events.push_back(slots_[(s - 1) % cap]);
  page.next = page.events.empty() ? since : to - 1;
  return page;
}

EventPage EventRing::latest(std::size_t n) const {
  std::uint64_t since = 0;
  {
    std::lock_guard lock(mutex_);
    const std::uint64_t last = next_seq_ - 1;
    if (last > n) since = last - n;
  }
  return read(since, n);
}

std::string format_stamped_event(const StampedEvent& e) {
  std::string line = format_event_line(e.event, e.ts);
  // The line is one JSON object and a newline: "seq" goes in before the closing brace.
  if (!line.empty() && line.back() == '\n') line.pop_back();
  if (!line.empty() && line.back() == '}') line.pop_back();
  line += ",\"seq\":";
  line += std::to_string(e.seq);
  line += '}';
  return line;
}

}  // namespace gw::daemon
