// DialPeerBoard: the dial-peers that are not active (busyout, and partial once server groups
// report it), kept from the dial-peer events as they happen, for the status page
// (`dial_peers.not_active` of `GET /api/v1/status`). It never holds the active ones, so with
// 100k dial-peers up it is empty, and a request never walks the whole table.
// Contract:
// - observe(event, ts) (the io_context's thread): dial-peer.down puts the dial-peer in busyout
//   (address, transport, reason, since ts); dial-peer.up takes it out. Other events are
//   ignored. set_partial(tag, ...) / clear_partial(tag) are the same for `partial` (a
//   server-group dial-peer with some members down: fed by the server-group service).
// - The io thread never waits for a reader: observe(), set_partial() and clear_partial() take
//   the board's lock only if it is free (try_lock); when a reader holds it they queue the
//   change (a vector under a second lock that is only ever held for a push or a swap), and the
//   next holder of the board's lock applies the queue first, in order. A reader preempted
//   while it holds the board's lock (the server threads run at a lower priority) so never
//   holds up the io thread. busyout() and partial() read atomic counts, without a lock.
// - prune(verdict, budget) (io thread) drops busyout entries whose dial-peer `verdict(tag)`
//   says is up: a dial-peer removed or restarted by a reload while down gets no dial-peer.up.
//   It checks at most `budget` entries per call, round robin, and does nothing (returns 0)
//   when a reader holds the lock.
// - query(filter, limit) (any thread) returns the counts, how many match `filter` (a case-
//   insensitive substring of the tag, address, transport, state or reason; empty: all) and the
//   first `limit` of them: busyout first, then partial, each by tag. It holds the lock for at
//   most kChunk entries at a time, yields between chunks and resumes after the last tag it saw;
//   entries changed meanwhile may be seen in their old or new state.
// Memory: one entry per non-active dial-peer (bounded by the configuration), plus the changes
// queued while one chunk is read.
// Thread-safe.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "report/event.hpp"

namespace gw::daemon {

struct NotActiveDialPeer {
  long tag = 0;
  std::string state;  // "busyout" | "partial"
  std::string address;
  std::string transport;
  std::string reason;  // of the last down; "" for partial
  WallClock::time_point since;
};

struct NotActivePage {
  std::size_t busyout = 0;
  std::size_t partial = 0;
  std::size_t matched = 0;  // entries matching the filter (all: busyout + partial)
  std::vector<NotActiveDialPeer> rows;
};

class DialPeerBoard {
 public:
  static constexpr std::size_t kChunk = 256;

  void observe(const Event& event, WallClock::time_point ts);
  void set_partial(long tag, std::string address, std::string transport, WallClock::time_point ts);
  void clear_partial(long tag);
  // Returns how many entries it dropped.
  std::size_t prune(const std::function<bool(long)>& up, std::size_t budget);

  NotActivePage query(std::string_view filter, std::size_t limit) const;
  std::size_t busyout() const;
  std::size_t partial() const;

 private:
  using Map = std::map<long, NotActiveDialPeer>;
  struct Change {
    bool partial = false;  // which map
    bool remove = false;
    NotActiveDialPeer entry;  // its tag only, for a removal
  };
  // Applies `c` now if the lock is free, else queues it.
  void submit(Change&& c);
  // With mutex_ held: the queued changes, then `c`.
  void apply_locked(Change&& c) const;
  void drain_locked() const;
  // Scans `m` in chunks under the lock, adding matches to `page`.
  void scan(const Map& m, std::string_view filter, std::size_t limit, NotActivePage& page) const;

  mutable std::mutex mutex_;
  // The board's state is the maps plus the queue: a reader that applies the queue changes
  // nothing it shows, hence mutable.
  mutable Map busyout_;
  mutable Map partial_;
  mutable std::mutex queue_mutex_;
  mutable std::vector<Change> queue_;
  mutable std::atomic<std::size_t> busyout_count_{0};
  mutable std::atomic<std::size_t> partial_count_{0};
  long prune_cursor_ = 0;  // the next busyout tag prune() checks
};

// True when `needle` (lower case) is in `hay`, ignoring ASCII case.
bool contains_nocase(std::string_view hay, std::string_view needle);

}  // namespace gw::daemon
