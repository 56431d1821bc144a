// SipWireCounters: what the SIP keepalive prober put on and took off the wire, for
// `show sip-ua keepalive` and metrics. Dropped input is never an error, only a count here.
// Contract: a plain value; the owner (SipUdpHub / SipProber users) increments it on its
// io_context thread; readers copy it from the same thread.
#pragma once
#include <cstdint>

namespace gw::sip {

struct SipWireCounters {
  std::uint64_t sent = 0;             // OPTIONS requests sent (first sends)
  std::uint64_t retransmissions = 0;  // UDP retransmissions (Timer E)
  std::uint64_t responses = 0;        // responses matched to a running transaction
  std::uint64_t malformed = 0;        // datagrams/stream messages that did not parse
  std::uint64_t unmatched = 0;        // parsed responses matching no running transaction
  std::uint64_t icmp_errors = 0;      // ICMP errors reported on the UDP sockets
};

}  // namespace gw::sip
