// StatusEndpoints: the status page on the --metrics listener (design.md, "Status page"):
// GET / (the page), GET /api/v1/status and GET /api/v1/events?since=N (JSON).
// Contract:
// - The io_context's thread feeds it: observe(event) for every event the daemon emits (the
//   tee's observer; stamps the wall clock), publish(summary) with the services' summary()
//   every metrics period (a copy, swapped in under a lock held for a pointer swap). publish()
//   also samples the SIP RTT history and, while the board's busyout count disagrees with the
//   dial-peer service's, prunes up to kPruneBudget board entries with the verdict set by
//   set_dial_peer_verdict().
// - The server's threads answer: the JSON and the page are rendered there from the last
//   published copy, the event ring and the dial-peer board (their locks are held for pointer
//   copies, or kChunk board entries at a time): a request costs the io thread no work, only
//   those short waits if it emits an event meanwhile. A server thread that answered a status
//   request runs at nice kNice from then on, so the walk competes less for the CPU with the io
//   thread (docs/benchmarks.md, "Status page"). Before the first publish() the status
//   answers 503 and the page shows nothing until its first poll succeeds.
// - Bounded: one published copy; EventRing capacity; not_active rows <= StatusQuery::kMaxLimit;
//   events per answer <= kMaxEventsPerAnswer.
// - board() is for the services that know about `partial` (server groups) to feed it; the
//   cluster object comes from the summary's cluster snapshot, when a cluster is configured.
// Read-only: no endpoint changes anything. Thread-safe as described.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "live/dial_peer_board.hpp"
#include "live/event_ring.hpp"
#include "live/sip_history.hpp"
#include "render/status_json.hpp"
#include "report/snapshot.hpp"

namespace httplib {
class Server;
}

namespace gw::daemon {

class StatusEndpoints {
 public:
  static constexpr std::size_t kPruneBudget = 1024;
  static constexpr int kNice = 10;  // of a server thread once it answered a status request

  explicit StatusEndpoints(std::string version,
                           std::size_t ring_capacity = EventRing::kDefaultCapacity);

  // io_context thread.
  void observe(const Event& event);
  void publish(const DaemonSnapshot& summary);
  void set_dial_peer_verdict(std::function<bool(long)> up) { verdict_ = std::move(up); }
  DialPeerBoard& board() { return board_; }

  // Any thread. nullopt before the first publish().
  std::optional<std::string> status_json(const StatusQuery& query) const;
  std::string events_json(std::uint64_t since) const;
  std::string page() const;

  // Registers GET /, /api/v1/status and /api/v1/events on `server` (before it listens).
  void install(httplib::Server& server);

 private:
  std::shared_ptr<const StatusInput> latest() const;

  std::string version_;
  WallClock::time_point started_;
  EventRing ring_;
  DialPeerBoard board_;
  SipHistory sip_;  // io thread only
  std::function<bool(long)> verdict_;
  mutable std::mutex mutex_;
  std::shared_ptr<const StatusInput> input_;
};

}  // namespace gw::daemon
