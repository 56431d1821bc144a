// `show gatewatch statistics`: uptime, events emitted by name, per-service counters (SIP
// targets and wire counters incl. dropped input, SCCP groups' wire counters), control socket
// and configuration counters. Pure: a function of the values passed in.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include "report/control_counters.hpp"
#include "report/snapshot.hpp"

namespace gw::daemon {

struct ConfigCounters {
  std::uint64_t live_changes = 0;      // configuration commands applied from the console
  std::uint64_t reloads_applied = 0;   // SIGHUP, valid file
  std::uint64_t reloads_rejected = 0;  // SIGHUP, invalid file
  std::uint64_t saves = 0;             // write memory
};

struct StatisticsInput {
  std::chrono::seconds uptime{0};
  std::map<std::string, std::uint64_t> events;  // emitted, by name
  DaemonSnapshot snapshot;
  ControlCounters control;
  ConfigCounters config;
};

std::string render_show_gatewatch_statistics(const StatisticsInput& in);

}  // namespace gw::daemon
