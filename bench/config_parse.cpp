// Configuration parsing throughput: a generated 100k-line configuration through the strict
// loader (tokenize, match against the tables, run handlers). Goal: >= 500k lines/s.
// Run: build/gw_bench_config_parse --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <string>

#include "config/loader.hpp"

namespace {

std::string generate(std::size_t target_lines) {
  std::string text;
  std::size_t lines = 0;
  auto line = [&](const std::string& l) {
    text += l;
    text += '\n';
    ++lines;
  };
  for (int i = 1; i <= 50; ++i)
    line("sccp ccm 10.0." + std::to_string(i / 250) + "." + std::to_string(i % 250 + 1) +
         " identifier " + std::to_string(i) + " version 7.0");
  line("sccp");
  for (int g = 1; g <= 50; ++g) {
    line("sccp ccm group " + std::to_string(g));
    line(" associate ccm " + std::to_string(g) + " priority 1");
    line(" keepalive retries 7");
    line(" keepalive timeout 120");
    line(" switchback method guard 600");
  }
  line("sip-ua");
  line(" keepalive target ipv4:172.16.0.10 tcp tls");
  line(" keepalive target dns:sip.example.com:5070 secondary");
  line(" timers keepalive active 60 down 10");
  for (int slot = 0; lines < target_lines; ++slot)
    for (int port = 0; port < 64 && lines < target_lines; ++port) {
      line("voice-port " + std::to_string(slot) + "/0/" + std::to_string(port));
      line(" busyout monitor keepalive");
      line(" description Port " + std::to_string(port) + " of slot " + std::to_string(slot));
      line("!");
    }
  return text;
}

void BM_LoadConfig100k(benchmark::State& state) {
  const std::string text = generate(static_cast<std::size_t>(state.range(0)));
  std::size_t lines = 0;
  for (auto _ : state) {
    auto r = gw::config::load_config_text(text);
    if (!r.ok()) state.SkipWithError("generated configuration rejected");
    lines += r.lines;
    benchmark::DoNotOptimize(r);
  }
  state.counters["lines/s"] =
      benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LoadConfig100k)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
