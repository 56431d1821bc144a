#include "report/dial_peer_board.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <thread>

namespace gw::daemon {

namespace {

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
  if (!down) {
    std::lock_guard lock(mutex_);
    busyout_.erase(*tag);
    return;
  }
  NotActiveDialPeer p{*tag,
                      "busyout",
                      text_field(event, "address"),
                      text_field(event, "transport"),
                      text_field(event, "reason"),
                      ts};
  std::lock_guard lock(mutex_);
  busyout_.insert_or_assign(*tag, std::move(p));
}

void DialPeerBoard::set_partial(long tag, std::string address, std::string transport,
                                WallClock::time_point ts) {
  NotActiveDialPeer p{tag, "partial", std::move(address), std::move(transport), "", ts};
  std::lock_guard lock(mutex_);
  partial_.insert_or_assign(tag, std::move(p));
}

void DialPeerBoard::clear_partial(long tag) {
  std::lock_guard lock(mutex_);
  partial_.erase(tag);
}

std::size_t DialPeerBoard::prune(const std::function<bool(long)>& up, std::size_t budget) {
  std::lock_guard lock(mutex_);
  std::size_t dropped = 0;
  auto it = busyout_.lower_bound(prune_cursor_);
  const std::size_t checks = std::min(budget, busyout_.size());
  for (std::size_t n = 0; n < checks && !busyout_.empty(); ++n) {
    if (it == busyout_.end()) it = busyout_.begin();
    if (up(it->first)) {
      it = busyout_.erase(it);
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
  std::lock_guard lock(mutex_);
  return busyout_.size();
}

std::size_t DialPeerBoard::partial() const {
  std::lock_guard lock(mutex_);
  return partial_.size();
}

}  // namespace gw::daemon
