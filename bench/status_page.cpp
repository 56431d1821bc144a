// The status page's costs at scale (issue 22), without sockets: what one status request costs
// the server thread (render_status_json of a board with N busyout dial-peers, default query and
// a filter that matches nothing: a walk of the whole board), how long it holds the board's lock
// at a time (one chunk: the most it can delay an event on the io thread), and what the io
// thread pays per event (observe: alone, and while another thread walks the board) and per
// metrics period (publish).
// Run: build/gw_bench_status_page   (figures in docs/benchmarks.md, "Status page")
#include "render/status_page.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "http/status_endpoints.hpp"

namespace {

using namespace gw::daemon;

Event down(long tag) {
  return Event{names::kDialPeerDown, {}}
      .with("dial_peer", static_cast<std::int64_t>(tag))
      .with("address",
            "127.0.0." + std::to_string(1 + tag % 200) + ":" + std::to_string(5060 + tag % 1000))
      .with("transport", "udp")
      .with("reason", "timeout");
}

DaemonSnapshot summary(std::size_t probed, std::size_t busyout) {
  DaemonSnapshot s;
  SipKeepaliveSnapshot sip;
  for (const char* role : {"primary", "secondary"}) {
    SipTargetSnapshot t;
    t.role = role;
    t.address = "127.0.0.1:5060";
    t.last_rtt = std::chrono::microseconds(420);
    sip.targets.push_back(t);
  }
  s.sip = sip;
  for (int i = 0; i < 24; ++i)
    s.voice_ports.push_back({"0/0/" + std::to_string(i), "", false, true, false, ""});
  DialPeerKeepaliveSnapshot dp;
  dp.probed = probed;
  dp.busyout = busyout;
  s.dial_peers = dp;
  return s;
}

// N dial-peers probed, all of them busyout: the largest board.
StatusEndpoints& endpoints(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<StatusEndpoints>> cache;
  auto& e = cache[n];
  if (!e) {
    e = std::make_unique<StatusEndpoints>("bench");
    for (std::size_t t = 1; t <= n; ++t) e->observe(down(static_cast<long>(t)));
    e->publish(summary(n, n));
  }
  return *e;
}

void BM_StatusJson(benchmark::State& state) {
  auto& e = endpoints(static_cast<std::size_t>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto j = e.status_json(StatusQuery{});
    bytes = j->size();
    benchmark::DoNotOptimize(j);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_StatusJson)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_StatusJsonMaxLimit(benchmark::State& state) {
  auto& e = endpoints(static_cast<std::size_t>(state.range(0)));
  StatusQuery q;
  q.limit = StatusQuery::kMaxLimit;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto j = e.status_json(q);
    bytes = j->size();
    benchmark::DoNotOptimize(j);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_StatusJsonMaxLimit)->Arg(100000)->Unit(benchmark::kMicrosecond);

// A filter that matches nothing walks the whole board, kChunk entries per lock.
void BM_StatusJsonFilterNoMatch(benchmark::State& state) {
  auto& e = endpoints(static_cast<std::size_t>(state.range(0)));
  StatusQuery q;
  q.filter = "no-such-peer";
  for (auto _ : state) benchmark::DoNotOptimize(e.status_json(q));
}
BENCHMARK(BM_StatusJsonFilterNoMatch)->Arg(100000)->Unit(benchmark::kMicrosecond);

// One lock hold of that walk: a board of exactly kChunk entries, filter matching nothing.
void BM_BoardOneChunk(benchmark::State& state) {
  DialPeerBoard b;
  const auto now = WallClock::time_point{};
  for (std::size_t t = 1; t <= DialPeerBoard::kChunk; ++t)
    b.observe(down(static_cast<long>(t)), now);
  for (auto _ : state) benchmark::DoNotOptimize(b.query("no-such-peer", 100));
}
BENCHMARK(BM_BoardOneChunk)->Unit(benchmark::kMicrosecond);

void BM_Page(benchmark::State& state) {
  auto& e = endpoints(static_cast<std::size_t>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto p = e.page();
    bytes = p.size();
    benchmark::DoNotOptimize(p);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_Page)->Arg(100000)->Unit(benchmark::kMicrosecond);

void BM_EventsJson(benchmark::State& state) {
  auto& e = endpoints(100000);
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto j = e.events_json(0);
    bytes = j.size();
    benchmark::DoNotOptimize(j);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_EventsJson)->Unit(benchmark::kMicrosecond);

// io thread: one dial-peer transition seen by the page (ring + board), alternating down/up.
void BM_Observe(benchmark::State& state) {
  StatusEndpoints e("bench");
  const Event d = down(7);
  const Event u = Event{names::kDialPeerUp, {}}.with("dial_peer", std::int64_t{7});
  bool flip = false;
  for (auto _ : state) {
    e.observe(flip ? u : d);
    flip = !flip;
  }
}
BENCHMARK(BM_Observe);

// io thread: the copy every 100 ms (summary of 2 targets, 24 voice ports, counts).
void BM_Publish(benchmark::State& state) {
  StatusEndpoints e("bench");
  const auto s = summary(100000, 0);
  for (auto _ : state) e.publish(s);
}
BENCHMARK(BM_Publish);

// The io thread's side of the board's lock: observe() of a dial-peer transition on a board of
// 100k busyout entries, alone, then while another thread walks the whole board again and
// again (status requests with a filter that matches nothing, back to back: far more than a
// page polling every second). Time per observe(): p50, p99, max.
void observe_latency(benchmark::State& state, bool walker) {
  auto& e = endpoints(100000);
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> walks{0};
  std::thread t;
  if (walker) {
    t = std::thread([&] {
      StatusQuery q;
      q.filter = "no-such-peer";
      while (!stop.load()) {
        benchmark::DoNotOptimize(e.status_json(q));
        walks.fetch_add(1);
      }
    });
  }
  const Event d = down(200001);
  const Event u = Event{names::kDialPeerUp, {}}.with("dial_peer", std::int64_t{200001});
  std::vector<double> us;
  bool flip = false;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    e.observe(flip ? u : d);
    const auto t1 = std::chrono::steady_clock::now();
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    flip = !flip;
    state.SetIterationTime((t1 - t0).count() / 1e9);
  }
  stop = true;
  if (t.joinable()) t.join();
  std::sort(us.begin(), us.end());
  state.counters["p50_us"] = us[us.size() / 2];
  state.counters["p99_us"] = us[us.size() * 99 / 100];
  state.counters["p999_us"] = us[us.size() * 999 / 1000];
  state.counters["over_50us"] =
      static_cast<double>(us.end() - std::upper_bound(us.begin(), us.end(), 50.0));
  state.counters["max_us"] = us.back();
  state.counters["walks"] = static_cast<double>(walks.load());
}
void BM_ObserveAlone(benchmark::State& state) {
  observe_latency(state, false);
}
void BM_ObserveWhileWalking(benchmark::State& state) {
  observe_latency(state, true);
}
BENCHMARK(BM_ObserveAlone)->UseManualTime()->Iterations(5000000);
BENCHMARK(BM_ObserveWhileWalking)->UseManualTime()->Iterations(5000000);

}  // namespace

BENCHMARK_MAIN();
