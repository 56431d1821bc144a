// SccpWireCounters: what the SCCP connections of one `sccp ccm group` did on the wire, for
// `show sccp ccm group` and metrics. Plain values; counts only grow.
#pragma once
#include <cstdint>

namespace gw::sccp {

struct SccpWireCounters {
  std::uint64_t connects = 0;          // TCP connection attempts (after name resolution)
  std::uint64_t connect_failures = 0;  // refused, timed out, or the name did not resolve
  std::uint64_t closed_by_peer = 0;    // EOF, reset or another error on an open connection
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  std::uint64_t dropped_sends = 0;  // bytes to send for a CCM without a connection (dropped)
  std::uint64_t stale_input = 0;    // callbacks of a connection already replaced (dropped)
};

}  // namespace gw::sccp
