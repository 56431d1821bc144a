// What the control socket counts (connections, refusals, requests), for `show statistics` and
// the metrics. Plain data, written by ControlServer on the io thread.
#pragma once
#include <cstdint>

namespace gw::daemon {

struct ControlCounters {
  std::uint64_t connections = 0;
  std::uint64_t refused_peers = 0;
  std::uint64_t refused_full = 0;
  std::uint64_t requests = 0;
  std::uint64_t bad_requests = 0;     // unknown verb or over-long line
  std::uint64_t dropped_clients = 0;  // did not read their output
  std::uint64_t active = 0;
  std::uint64_t debug_dropped = 0;  // debug messages a slow client did not get
};

}  // namespace gw::daemon
