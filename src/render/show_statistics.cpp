#include "render/show_statistics.hpp"

#include <fmt/format.h>

#include "render/show_dial_peer.hpp"

namespace gw::daemon {

std::string render_show_gatewatch_statistics(const StatisticsInput& in) {
  const auto s = in.uptime.count();
  std::string out = fmt::format("gatewatch uptime is {} days, {} hours, {} minutes, {} seconds\n\n",
                                s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60);
  std::uint64_t total = 0;
  for (const auto& [name, n] : in.events) total += n;
  out += fmt::format("Events emitted: {}\n", total);
  for (const auto& [name, n] : in.events) out += fmt::format("  {:<24} {}\n", name, n);
  if (in.snapshot.sip) {
    const auto& sip = *in.snapshot.sip;
    out += "\nSIP keepalive:\n";
    for (const auto& t : sip.targets) {
      out += fmt::format("  {:<10} {:<28} attempts {} failures {}\n", t.role, t.configured,
                         t.attempts, t.failures);
    }
    const auto& c = sip.counters;
    out += fmt::format("  OPTIONS sent {}, retransmissions {}, responses {}\n", c.sent,
                       c.retransmissions, c.responses);
    out += fmt::format("  Dropped input: malformed {}, unmatched {}, ICMP errors {}\n", c.malformed,
                       c.unmatched, c.icmp_errors);
  }
  if (in.snapshot.sccp) {
    out += "\nSCCP:\n";
    for (const auto& g : in.snapshot.sccp->groups) {
      const auto& w = g.wire;
      out += fmt::format(
          "  group {}: connects {} failures {} closed by peer {} bytes in {} out {}\n", g.group,
          w.connects, w.connect_failures, w.closed_by_peer, w.bytes_in, w.bytes_out);
      out += fmt::format("  group {}: dropped input: stale {}, dropped sends {}\n", g.group,
                         w.stale_input, w.dropped_sends);
    }
  }
  const auto& k = in.control;
  out += fmt::format(
      "\nControl socket: connections {} (active {}), requests {}, bad requests {},\n"
      "  refused peers {}, refused (full) {}, dropped slow clients {},\n"
      "  debug messages not delivered {}\n",
      k.connections, k.active, k.requests, k.bad_requests, k.refused_peers, k.refused_full,
      k.dropped_clients, k.debug_dropped);
  const auto& g = in.config;
  out += fmt::format(
      "Configuration: live changes {}, reloads applied {}, reloads rejected {}, saves {}\n",
      g.live_changes, g.reloads_applied, g.reloads_rejected, g.saves);
  if (in.snapshot.dial_peers) out += "\n" + render_dial_peer_statistics(in.snapshot);
  return out;
}

}  // namespace gw::daemon
