// Heap allocations and CPU per UDP keepalive probe through the real wire path: net::SipProber
// on the shared SipUdpHub and WheelTimers (as the daemon wires them), answered on loopback by
// an in-process responder. A counting global operator new gives allocations per probe;
// BM_IdleProberHeap the heap bytes an idle prober keeps (the wire side of a dial-peer's RSS).
// Run: build/gw_bench_probe_alloc   (figures in docs/benchmarks.md, "Probe cost at the limit")
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <array>
#include <asio/ip/udp.hpp>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "net/resolver.hpp"
#include "net/sip_prober.hpp"
#include "net/sip_udp_hub.hpp"
#include "net/wheel_timers.hpp"

namespace {
std::atomic<std::uint64_t> g_allocs{0};
}  // namespace

// Replacing the global operator new/delete pair with malloc/free is what the standard allows;
// GCC cannot see that the two are a pair here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  g_allocs.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#pragma GCC diagnostic pop

namespace {

using namespace gw;

// Answers every OPTIONS with a 200 copying Via/From/To/Call-ID/CSeq (a Kamailio sl_send_reply
// look-alike), from the io_context like the daemon's peer would be from another process.
class Responder {
 public:
  explicit Responder(asio::io_context& io)
      : socket_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    receive();
  }
  std::uint16_t port() const { return socket_.local_endpoint().port(); }

 private:
  void receive() {
    socket_.async_receive_from(
        asio::buffer(buf_), from_, [this](std::error_code ec, std::size_t n) {
          if (ec) return;
          const std::string_view req(buf_.data(), n);
          out_ = "SIP/2.0 200 OK\r\n";
          std::size_t pos = 0;
          while (pos < req.size()) {
            std::size_t end = req.find("\r\n", pos);
            if (end == std::string_view::npos || end == pos) break;
            const std::string_view line = req.substr(pos, end - pos);
            for (std::string_view h : {"Via:", "From:", "To:", "Call-ID:", "CSeq:"})
              if (line.substr(0, h.size()) == h) {
                out_.append(line);
                if (h == "To:") out_.append(";tag=r1");
                out_.append("\r\n");
              }
            pos = end + 2;
          }
          out_.append("Server: bench\r\nContent-Length: 0\r\n\r\n");
          std::error_code ignored;
          socket_.send_to(asio::buffer(out_), from_, 0, ignored);
          receive();
        });
  }
  asio::ip::udp::socket socket_;
  asio::ip::udp::endpoint from_;
  std::array<char, 4096> buf_{};
  std::string out_;
};

// Each iteration: one attempt on each of `range(0)` probers, run until all are answered.
void BM_UdpProbeAnswered(benchmark::State& state) {
  asio::io_context io;
  sip::SipWireCounters counters;
  net::SipUdpHub hub(io, counters);
  net::WheelTimers timers(io);
  std::mt19937_64 rng(1);
  net::ResolverOptions ro;
  auto resolver = net::Resolver::create(io, ro);
  if (!resolver) return state.SkipWithError("no resolver");
  net::SipProbeContext ctx{io, **resolver, hub, counters, nullptr, "", rng, &timers};
  Responder peer(io);
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<std::unique_ptr<net::SipProber>> probers;
  for (std::size_t i = 0; i < n; ++i)
    probers.push_back(std::make_unique<net::SipProber>(
        ctx, net::SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp}));
  std::size_t done = 0, succeeded = 0;
  const net::SipProbeParams params{6, std::chrono::milliseconds(500), std::chrono::seconds(4)};
  auto round = [&] {
    done = 0;
    for (auto& p : probers)
      (void)p->attempt(params, [&](const keepalive::AttemptOutcome& o) {
        ++done;
        if (o.success) ++succeeded;
      });
    while (done < n) io.run_one();
  };
  round();  // warm-up: resolution cached, socket open, buffers grown
  round();
  succeeded = 0;
  const std::uint64_t a0 = g_allocs.load();
  for (auto _ : state) round();
  const std::uint64_t a1 = g_allocs.load();
  const double probes = static_cast<double>(state.iterations()) * static_cast<double>(n);
  state.counters["allocs/probe"] = static_cast<double>(a1 - a0) / probes;
  state.counters["answered"] = static_cast<double>(succeeded) / probes;
  state.counters["probes/s"] = benchmark::Counter(probes, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_UdpProbeAnswered)->Arg(1)->Arg(32)->MeasureProcessCPUTime()->UseRealTime();

// Heap bytes per idle prober (malloc's in-use bytes, mallinfo2) once each of range(0) probers
// has run one answered attempt: the wire side's share of a dial-peer's memory.
void BM_IdleProberHeap(benchmark::State& state) {
  asio::io_context io;
  sip::SipWireCounters counters;
  net::SipUdpHub hub(io, counters);
  net::WheelTimers timers(io);
  std::mt19937_64 rng(1);
  auto resolver = net::Resolver::create(io, net::ResolverOptions{});
  if (!resolver) return state.SkipWithError("no resolver");
  net::SipProbeContext ctx{io, **resolver, hub, counters, nullptr, "", rng, &timers};
  Responder peer(io);
  const auto n = static_cast<std::size_t>(state.range(0));
  const net::SipProbeParams params{6, std::chrono::milliseconds(500), std::chrono::seconds(4)};
  for (auto _ : state) {
    std::vector<std::unique_ptr<net::SipProber>> probers;
    probers.reserve(n);
    const std::size_t before = mallinfo2().uordblks;
    std::size_t done = 0;
    for (std::size_t i = 0; i < n; ++i) {
      probers.push_back(std::make_unique<net::SipProber>(
          ctx, net::SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp}));
      (void)probers.back()->attempt(params, [&](const keepalive::AttemptOutcome&) { ++done; });
      while (done < i + 1) io.run_one();  // one at a time: no attempt outlives its answer
    }
    const std::size_t after = mallinfo2().uordblks;
    state.counters["heap_B/prober"] = static_cast<double>(after - before) / static_cast<double>(n);
  }
}
BENCHMARK(BM_IdleProberHeap)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
