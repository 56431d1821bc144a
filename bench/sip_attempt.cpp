// SIP keepalive CPU cost, pure layers only (no sockets, no clock): build one OPTIONS, parse one
// 200 OK, and one full attempt (transaction + match + outcome + target session).
// Run: build/gw_bench_sip_attempt   (figures in docs/benchmarks.md, "SIP keepalive");
// instructions per attempt: bench/instructions.sh build/gw_bench_sip_attempt BM_FullPureAttempt
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>

#include "keepalive/outcome.hpp"
#include "keepalive/target_session.hpp"
#include "sip/client_transaction.hpp"
#include "sip/options_request.hpp"
#include "sip/response.hpp"

namespace {

gw::sip::OptionsRequest sample_request(std::mt19937_64& rng) {
  gw::sip::OptionsRequest r;
  r.target_host = "192.0.2.10";
  r.target_port = 5060;
  r.local_host = "192.0.2.1";
  r.local_port = 40000;
  r.branch = gw::sip::make_branch(rng);
  r.call_id = gw::sip::make_call_id(rng, r.local_host);
  r.from_tag = gw::sip::make_tag(rng);
  r.cseq = 1;
  return r;
}

std::string ok_for(const gw::sip::OptionsRequest& r) {
  return "SIP/2.0 200 OK\r\n"
         "Via: SIP/2.0/UDP 192.0.2.1:40000;branch=" +
         r.branch +
         ";rport=40000;received=192.0.2.1\r\n"
         "From: <sip:gatewatch@192.0.2.1:40000>;tag=" +
         r.from_tag +
         "\r\n"
         "To: <sip:192.0.2.10:5060>;tag=as6f3c1e2d\r\n"
         "Call-ID: " +
         r.call_id +
         "\r\n"
         "CSeq: 1 OPTIONS\r\n"
         "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE\r\n"
         "Accept: application/sdp\r\n"
         "Server: Kamailio (5.6.3 (x86_64/linux))\r\n"
         "Content-Length: 0\r\n\r\n";
}

void BM_BuildOptions(benchmark::State& state) {
  std::mt19937_64 rng(1);
  const auto r = sample_request(rng);
  for (auto _ : state) {
    std::string bytes = gw::sip::build_options(r);
    benchmark::DoNotOptimize(bytes);
  }
}
BENCHMARK(BM_BuildOptions);

void BM_Parse200Ok(benchmark::State& state) {
  std::mt19937_64 rng(1);
  const auto r = sample_request(rng);
  const std::string text = ok_for(r);
  for (auto _ : state) {
    auto parsed = gw::sip::parse_response(text);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Parse200Ok);

// One keepalive attempt as the daemon runs it, minus the socket: new identifiers, build,
// transaction start, one Timer E retransmission, the 200 parsed and matched, outcome, session.
void BM_FullPureAttempt(benchmark::State& state) {
  std::mt19937_64 rng(1);
  gw::keepalive::TargetSession session;
  gw::TimePoint now{std::chrono::hours(1)};
  (void)session.start(now);
  (void)session.on_attempt_result(now, gw::keepalive::AttemptOutcome::succeeded(200));
  for (auto _ : state) {
    now += std::chrono::seconds(120);
    (void)session.begin_attempt(now);
    const auto request = sample_request(rng);
    const std::string bytes = gw::sip::build_options(request);
    benchmark::DoNotOptimize(bytes);
    gw::sip::ClientTransaction tx(false, 6);
    (void)tx.start(now);
    (void)tx.on_timer(now + std::chrono::milliseconds(500));  // one retransmission
    const std::string answer = ok_for(request);
    auto parsed = gw::sip::parse_response(answer);
    if (parsed && gw::sip::match(*parsed, request)) {
      (void)tx.on_response(parsed->status, now + std::chrono::milliseconds(520));
    }
    auto outcome = gw::keepalive::outcome_of(tx);
    auto t = session.on_attempt_result(now + std::chrono::milliseconds(520), *outcome);
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_FullPureAttempt);

// The same attempt as net::SipProber runs it since issue 20: the identifiers, the request bytes
// and the parsed answer go into buffers reused from one attempt to the next.
void BM_FullPureAttemptReused(benchmark::State& state) {
  std::mt19937_64 rng(1);
  gw::keepalive::TargetSession session;
  gw::TimePoint now{std::chrono::hours(1)};
  (void)session.start(now);
  (void)session.on_attempt_result(now, gw::keepalive::AttemptOutcome::succeeded(200));
  gw::sip::OptionsRequest request = sample_request(rng);
  std::string bytes;
  gw::sip::Response parsed;
  std::string answer;
  for (auto _ : state) {
    now += std::chrono::seconds(120);
    (void)session.begin_attempt(now);
    gw::sip::make_branch(rng, request.branch);
    gw::sip::make_tag(rng, request.from_tag);
    gw::sip::make_call_id(rng, request.local_host, request.call_id);
    gw::sip::build_options(request, bytes);
    benchmark::DoNotOptimize(bytes);
    gw::sip::ClientTransaction tx(false, 6);
    (void)tx.start(now);
    (void)tx.on_timer(now + std::chrono::milliseconds(500));  // one retransmission
    answer = ok_for(request);  // the peer's work, as in BM_FullPureAttempt
    if (gw::sip::parse_response(answer, parsed) && gw::sip::match(parsed, request)) {
      (void)tx.on_response(parsed.status, now + std::chrono::milliseconds(520));
    }
    auto outcome = gw::keepalive::outcome_of(tx);
    auto t = session.on_attempt_result(now + std::chrono::milliseconds(520), *outcome);
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_FullPureAttemptReused);

}  // namespace

// GW_BENCH_ITERATIONS=N adds a "fixed/" copy of each benchmark that runs exactly N iterations,
// once: two runs under `valgrind --tool=callgrind` (N and 2N) give instructions per attempt by
// their difference, independent of the machine's load (bench/instructions.sh).
int main(int argc, char** argv) {
  if (const char* n = std::getenv("GW_BENCH_ITERATIONS")) {
    const auto iterations = static_cast<benchmark::IterationCount>(std::atoll(n));
    benchmark::RegisterBenchmark("fixed/BM_BuildOptions", BM_BuildOptions)->Iterations(iterations);
    benchmark::RegisterBenchmark("fixed/BM_Parse200Ok", BM_Parse200Ok)->Iterations(iterations);
    benchmark::RegisterBenchmark("fixed/BM_FullPureAttempt", BM_FullPureAttempt)
        ->Iterations(iterations);
    benchmark::RegisterBenchmark("fixed/BM_FullPureAttemptReused", BM_FullPureAttemptReused)
        ->Iterations(iterations);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
