// fuzz_kamailio_answer: Kamailio's JSON-RPC answer of arbitrary bytes, parsed as a
// dispatcher.set_state and a dispatcher.list answer and fed to a DispatcherSync in both roles.
// Properties: never crashes or throws; a parsed list holds only destinations with a URI and
// FLAGS, active exactly when FLAGS starts with 'A', and no more of them than the input could
// describe; the sync's counts stay within its destinations, a failure never leaves it
// reachable with a backoff pending, and it never sends anything for a missing destination.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "kamailio/dispatcher_sync.hpp"

namespace k = gw::kamailio;

namespace {

// The sync up to the request the fuzzed body answers: a list (as_list), or a set_state after
// a list answer with both destinations present and active. The same every time (the FakeClock
// starts at the same instant and nothing else enters), so it is built once per role and copied
// for each input.
struct Start {
  k::DispatcherSync sync;
  k::Request request;
};

Start make_start(bool as_list) {
  gw::FakeClock clock;
  k::DispatcherSync sync;
  sync.configure({{10, {1, "sip:127.0.0.1:5081"}}, {20, {1, "sip:127.0.0.1:5082"}, false}}, {},
                 clock.now());
  auto r = sync.next(clock.now());
  FUZZ_CHECK(r && r->kind == k::Request::Kind::list, "a list goes out first");
  if (!as_list) {  // answer the list with both present and active, then fuzz a set_state answer
    const std::string ok = R"({"jsonrpc":"2.0","id":)" + std::to_string(r->id) +
                           R"(,"result":{"RECORDS":[{"SET":{"ID":1,"TARGETS":[)"
                           R"({"DEST":{"URI":"sip:127.0.0.1:5081","FLAGS":"AX"}},)"
                           R"({"DEST":{"URI":"sip:127.0.0.1:5082","FLAGS":"AX"}}]}}]}})";
    sync.on_answer({r->id, true, 200, ok, {}, {}, {}}, clock.now());
    r = sync.next(clock.now());
    FUZZ_CHECK(r && r->kind == k::Request::Kind::set_state, "dial-peer 20 is down");
  }
  return {std::move(sync), *r};
}

void check_sync(const std::string& body, bool as_list) {
  static const Start list_start = make_start(true);
  static const Start set_state_start = make_start(false);
  const Start& start = as_list ? list_start : set_state_start;
  gw::FakeClock clock;  // the instant the starts were built at
  k::DispatcherSync sync = start.sync;
  const k::Request* r = &start.request;
  // The body as the answer to request 1 (or 2): ids in the input may or may not match.
  sync.on_answer({r->id, true, 200, body, {}, {}, {}}, clock.now());
  FUZZ_CHECK(sync.in_sync() + sync.missing() <= sync.size(), "counts beyond the destinations");
  FUZZ_CHECK(sync.counters().requests >= sync.counters().failures, "more failures than requests");
  if (!sync.reachable()) FUZZ_CHECK(sync.wakeup() > clock.now(), "no backoff after a failure");
  for (int i = 0; i < 4; ++i) {
    clock.advance(std::chrono::seconds(11));
    auto next = sync.next(clock.now());
    if (!next) continue;
    if (next->kind == k::Request::Kind::set_state)
      for (const auto& d : sync.destinations())
        if (d.missing)
          FUZZ_CHECK(next->body.find(d.dest.uri) == std::string::npos, "sent to a missing one");
    sync.on_answer({next->id, false, 0, {}, "refused", {}, {}}, clock.now());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  auto s = k::parse_set_state_answer(body, 1);
  if (!s) FUZZ_CHECK(s.error().code == "rpc" || s.error().code == "answer", "error kind");
  auto l = k::parse_list_answer(body, 1);
  if (l) {
    FUZZ_CHECK(l.value().size() <= size / 8, "more destinations than the input holds");
    for (const auto& d : l.value())
      FUZZ_CHECK(d.active == (!d.flags.empty() && d.flags.front() == 'A'), "state from FLAGS");
  } else {
    FUZZ_CHECK(l.error().code == "rpc" || l.error().code == "answer", "error kind");
  }
  check_sync(body, true);
  check_sync(body, false);
  return 0;
}
