// DispatcherSync: what gatewatch wants Kamailio's dispatcher to hold, what Kamailio last said it
// holds, and the one request to send next. Pure: driven by dial-peer and server-group member
// verdicts, transport answers and time points; the caller sends the requests (one at a time)
// and hands back the answers.
//
// Contract:
// - A binding follows either its dial-peer's verdict (verdict()) or, when it names a `member`
//   (a server-group member, keyed by the caller), that member's verdict (member_verdict()); a
//   dial-peer verdict does not move a member's binding. A destination is wanted inactive while
//   any dial-peer or member it follows is down, active otherwise (both start up, as the
//   keepalive does). verdict() and member_verdict() only mark it; the
//   latest wanted state is what goes out: the queue holds each destination at most once, so it
//   is bounded by the number of bindings however fast verdicts come.
// - next() gives the request to send now, or nothing (one is in flight, a backoff runs, or all
//   is in sync). dispatcher.list goes out at configure() and every `resync`, and at once after
//   the RPC comes back; every listed destination whose state disagrees is queued, and every
//   bound destination absent from the list is `missing` (counted, shown, not retried until a
//   later list holds it). A JSON-RPC error answer to set_state also makes it missing.
// - A transport failure (no answer; an answer that is not a JSON-RPC answer to the request,
//   named by its HTTP status when that is not 200) is a failure of the RPC (jsonrpcs sends
//   JSON-RPC errors with HTTP 500: those are answers): the first one after success yields RpcDown;
//   requests wait a backoff that doubles from backoff_min to backoff_max; the first good
//   answer yields RpcUp and resets it. A set_state that failed this way is sent again.
// - Events come only from on_answer(): SetApplied when Kamailio confirmed a state.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "base/time.hpp"
#include "kamailio/rpc_codec.hpp"

namespace gw::kamailio {

struct DestinationHash {
  std::size_t operator()(const Destination& d) const noexcept {
    return std::hash<std::string>{}(d.uri) ^
           (std::hash<std::int64_t>{}(d.set) * 0x9e3779b97f4a7c15ull);
  }
};

struct Binding {
  long dial_peer = 0;
  Destination dest;
  bool up = true;  // the keepalive verdict it follows, when bound
  // Non-empty: the destination follows this server-group member's verdict (the caller's key,
  // e.g. "1 10.0.0.1:5060 udp"), not the dial-peer's.
  std::string member{};
};

struct SyncPolicy {
  Duration resync = seconds(10);
  Duration backoff_min = milliseconds(100);
  Duration backoff_max = seconds(5);
};

struct Request {
  enum class Kind { set_state, list };
  std::uint64_t id = 0;
  Kind kind = Kind::list;
  std::string body;  // the JSON-RPC request
};

// What the transport brought back for request `id`.
struct Answer {
  std::uint64_t id = 0;
  bool delivered = false;  // false: refused, timed out, reset (see `error`)
  int http_status = 0;
  std::string body;
  std::string error;  // the transport's words when not delivered
  Duration latency{};
  // A dispatcher.list answer parsed where it arrived (parse_list_answer), so that the thread
  // driving the sync does not parse a large list; unset: on_answer() parses `body`.
  std::optional<Result<std::vector<ListedDestination>>> list;
};

namespace sync_event {
struct SetApplied {
  Destination dest;
  DsState state = DsState::active;
  long dial_peer = 0;  // the dial-peer whose verdict it follows
};
struct Missing {  // a bound destination Kamailio does not have
  Destination dest;
  long dial_peer = 0;
};
struct RpcDown {
  std::string error;
};
struct RpcUp {};
}  // namespace sync_event
using SyncEvent = std::variant<sync_event::SetApplied, sync_event::Missing, sync_event::RpcDown,
                               sync_event::RpcUp>;

// Upper bounds of the request latency histogram, in milliseconds (then +Inf).
inline constexpr std::array<int, 10> kLatencyBucketsMs{1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};

struct SyncCounters {
  std::uint64_t requests = 0;
  std::uint64_t failures = 0;    // transport, HTTP or answer failures
  std::uint64_t rpc_errors = 0;  // JSON-RPC error answers
  std::uint64_t states_set = 0;  // set_state confirmed
  std::uint64_t lists = 0;       // dispatcher.list answered
  std::array<std::uint64_t, kLatencyBucketsMs.size() + 1> latency{};  // per bucket, not cumulative
  double latency_sum_s = 0;
};

struct DestinationView {
  Destination dest;
  std::vector<long> dial_peers;      // every dial-peer bound to it
  std::vector<std::string> members;  // the server-group members whose verdicts it follows
  DsState wanted = DsState::active;
  std::optional<DsState> known;  // as Kamailio last confirmed or listed it
  bool missing = false;
  bool in_sync() const { return !missing && known == wanted; }
};

class DispatcherSync {
 public:
  explicit DispatcherSync(SyncPolicy policy = {}) : policy_(policy) {}

  // Replaces the bindings (with the dial-peers' current verdicts); what Kamailio was known to
  // hold for a destination that stays is kept. A list goes out next, without waiting for a
  // backoff that was running.
  void configure(std::vector<Binding> bindings, SyncPolicy policy, TimePoint now);
  void verdict(long dial_peer, bool up);
  // A server-group member's verdict (Binding::member); O(destinations of that member).
  void member_verdict(const std::string& member, bool up);

  std::optional<Request> next(TimePoint now);
  std::vector<SyncEvent> on_answer(Answer answer, TimePoint now);
  // When next() may have something without a new verdict or answer (TimePoint::max(): never).
  TimePoint wakeup() const;

  bool reachable() const { return reachable_; }
  const std::string& last_error() const { return last_error_; }
  const SyncCounters& counters() const { return counters_; }
  std::size_t in_sync() const;
  std::size_t missing() const;
  std::size_t size() const { return dests_.size(); }
  const std::vector<DestinationView>& destinations() const { return dests_; }

 private:
  struct InFlight {
    std::uint64_t id = 0;
    Request::Kind kind = Request::Kind::list;
    std::size_t dest = 0;
    DsState state = DsState::active;
  };
  DsState wanted_of(const DestinationView& d) const;
  void refresh(std::size_t dest);
  void enqueue(std::size_t dest);
  void transport_failure(const std::string& error, TimePoint now, std::vector<SyncEvent>& out);
  void answered(Answer& a, TimePoint now, std::vector<SyncEvent>& out);
  void apply_list(const std::vector<ListedDestination>& listed, std::vector<SyncEvent>& out);
  void count_latency(Duration latency);

  SyncPolicy policy_;
  std::vector<DestinationView> dests_;
  // Hashed: a resync looks up every listed destination on the thread driving the sync.
  std::unordered_map<Destination, std::size_t, DestinationHash> index_;
  std::map<long, std::vector<std::size_t>> by_dial_peer_;
  std::map<long, bool> down_;  // bound dial-peers whose last verdict was down
  // Per member key: (destination, dial-peer) of its bindings; the members last seen down.
  std::map<std::string, std::vector<std::pair<std::size_t, long>>> by_member_;
  std::set<std::string> members_down_;
  std::vector<long> cause_;  // per destination: the dial-peer whose verdict changed it last
  std::deque<std::size_t> queue_;
  std::vector<bool> queued_;
  std::optional<InFlight> in_flight_;
  std::uint64_t next_id_ = 1;
  TimePoint next_list_ = TimePoint::min();
  TimePoint not_before_ = TimePoint::min();
  Duration backoff_{};
  bool reachable_ = true;
  std::string last_error_;
  SyncCounters counters_;
};

}  // namespace gw::kamailio
