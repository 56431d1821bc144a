// gw_wake_latency SECONDS: how late a thread that sleeps until the next whole millisecond
// wakes up, on this machine, right now. It is the floor under any probe lateness gatewatch
// can show (bench/scale/run.sh prints it in its header): a virtual machine whose idle vCPUs
// halt may take milliseconds to be scheduled again by the host.
// Prints one line: "wake-up latency us p50 A p99 B p999 C max D (N wake-ups)".
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  const long seconds = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 10;
  if (seconds < 1 || seconds > 3600) {
    std::fprintf(stderr, "usage: gw_wake_latency SECONDS (1-3600)\n");
    return 2;
  }
  constexpr long kPeriodNs = 1'000'000;
  std::vector<long> late;
  late.reserve(static_cast<std::size_t>(seconds) * 1000);
  timespec due{};
  clock_gettime(CLOCK_MONOTONIC, &due);
  for (long i = 0; i < seconds * 1000; ++i) {
    due.tv_nsec += kPeriodNs;
    if (due.tv_nsec >= 1'000'000'000) {
      due.tv_nsec -= 1'000'000'000;
      ++due.tv_sec;
    }
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, nullptr);
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long ns = (now.tv_sec - due.tv_sec) * 1'000'000'000 + (now.tv_nsec - due.tv_nsec);
    late.push_back(ns);
    if (ns > kPeriodNs) due = now;  // a long stall: start again from now, do not catch up
  }
  std::sort(late.begin(), late.end());
  const auto us = [&](double q) {
    return late[static_cast<std::size_t>(q * static_cast<double>(late.size() - 1))] / 1000;
  };
  std::printf("wake-up latency us p50 %ld p99 %ld p999 %ld max %ld (%zu wake-ups)\n", us(0.5),
              us(0.99), us(0.999), late.back() / 1000, late.size());
  return 0;
}
