#include "live/dial_peer_board.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <thread>

namespace gw::daemon {

namespace {

NotActiveDialPeer just_tag(long tag) {
  NotActiveDialPeer p;
  p.tag = tag;
  return p;
}

const Event::Value* field(const Event& e, std::string_view key) {
  for (const auto& [k, v] : e.fields)
    if (k == key) return &v;
  return nullptr;
}

std::string text_field(const Event& e, std::string_view key) {
  const auto* v = field(e, key);
  if (!v) return {};
  if (const auto* s = std::get_if<std::string>(v)) return *s;
  return std::to_string(std::get<std::int64_t>(*v));
}

std::optional<long> tag_of(const Event& e) {
  const auto* v = field(e, "dial_peer");
  if (!v) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(v)) return static_cast<long>(*i);
  return std::nullopt;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool matches(const NotActiveDialPeer& p, std::string_view filter) {
  if (filter.empty()) return true;
  return contains_nocase(std::to_string(p.tag), filter) || contains_nocase(p.address, filter) ||
         contains_nocase(p.transport, filter) || contains_nocase(p.state, filter) ||
         contains_nocase(p.reason, filter);
}

}  // namespace

bool contains_nocase(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return lower(a) == lower(b); }) != hay.end();
}

void DialPeerBoard::observe(const Event& event, WallClock::time_point ts) {
  const bool down = event.name == names::kDialPeerDown;
  if (!down && event.name != names::kDialPeerUp) return;
  const auto tag = tag_of(event);
  if (!tag) return;
  if (!down) return submit(Change{false, true, just_tag(*tag)});
  submit(
      Change{false, false,
             NotActiveDialPeer{*tag, "busyout", text_field(event, "address"),
                               text_field(event, "transport"), text_field(event, "reason"), ts}});
}

void DialPeerBoard::set_partial(long tag, std::string address, std::string transport,
                                WallClock::time_point ts) {
  submit(
      Change{true, false,
             NotActiveDialPeer{tag, "partial", std::move(address), std::move(transport), "", ts}});
}

void DialPeerBoard::clear_partial(long tag) {
  submit(Change{true, true, just_tag(tag)});
}

void DialPeerBoard::submit(Change&& c) {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) {
    std::lock_guard q(queue_mutex_);
    queue_.push_back(std::move(c));
    return;
  }
  drain_locked();
  apply_locked(std::move(c));
}

void DialPeerBoard::apply_locked(Change&& c) const {
  Map& m = c.partial ? partial_ : busyout_;
  auto& count = c.partial ? partial_count_ : busyout_count_;
  if (c.remove) {
    if (m.erase(c.entry.tag)) count.fetch_sub(1, std::memory_order_relaxed);
    return;
  }
  const long tag = c.entry.tag;
  if (m.insert_or_assign(tag, std::move(c.entry)).second)
    count.fetch_add(1, std::memory_order_relaxed);
}

void DialPeerBoard::drain_locked() const {
  std::vector<Change> changes;
  {
    std::lock_guard q(queue_mutex_);
    if (queue_.empty()) return;
    changes.swap(queue_);
  }
  for (auto& c : changes) apply_locked(std::move(c));
}

std::size_t DialPeerBoard::prune(const std::function<bool(long)>& up, std::size_t budget) {
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock()) return 0;  // a reader has it: next time
  drain_locked();
  std::size_t dropped = 0;
  auto it = busyout_.lower_bound(prune_cursor_);
  const std::size_t checks = std::min(budget, busyout_.size());
  for (std::size_t n = 0; n < checks && !busyout_.empty(); ++n) {
    if (it == busyout_.end()) it = busyout_.begin();
    if (up(it->first)) {
      it = busyout_.erase(it);
      busyout_count_.fetch_sub(1, std::memory_order_relaxed);
      ++dropped;
    } else {
      ++it;
    }
  }
  prune_cursor_ = it == busyout_.end() ? std::numeric_limits<long>::min() : it->first;
  return dropped;
}

void DialPeerBoard::scan(const Map& m, std::string_view filter, std::size_t limit,
                         NotActivePage& page) const {
  long from = std::numeric_limits<long>::min();
  for (bool first = true;; first = false) {
    // Between chunks, the io thread's observe() waiting for the lock goes first.
    if (!first) std::this_thread::yield();
    std::lock_guard lock(mutex_);
    drain_locked();
    auto it = m.lower_bound(from);
    std::size_t n = 0;
    for (; it != m.end() && n < kChunk; ++it, ++n) {
      if (!matches(it->second, filter)) continue;
      ++page.matched;
      if (page.rows.size() < limit) page.rows.push_back(it->second);
      // Without a filter the count is known (query()): stop once the rows are full.
      if (filter.empty() && page.rows.size() >= limit) return;
    }
    if (it == m.end()) return;
    from = it->first;
  }
}

NotActivePage DialPeerBoard::query(std::string_view filter, std::size_t limit) const {
  NotActivePage page;
  {
    std::lock_guard lock(mutex_);
    drain_locked();
    page.busyout = busyout_.size();
    page.partial = partial_.size();
  }
  std::string lowered(filter);
  for (char& c : lowered) c = lower(c);
  scan(busyout_, lowered, limit, page);
  scan(partial_, lowered, limit, page);
  if (lowered.empty()) page.matched = page.busyout + page.partial;
  return page;
}

std::size_t DialPeerBoard::busyout() const {
  return busyout_count_.load(std::memory_order_relaxed);
}

std::size_t DialPeerBoard::partial() const {
  return partial_count_.load(std::memory_order_relaxed);
}

}  // namespace gw::daemon
