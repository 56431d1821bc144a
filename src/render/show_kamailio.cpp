// `show kamailio`, e.g.
//   Kamailio dispatcher (gatewatch extension)
//     RPC URL http://127.0.0.1:5071/RPC is reachable
//     Last error: none
//     Resync every 10 s
//     Destinations: 2 bound, 1 in sync, 1 pending, 0 missing
//     Requests 12, failures 0, JSON-RPC errors 0, states set 3, lists 9
//
//   Set        Destination                              Dial-peer  Wanted    Kamailio  Status
//   1          sip:127.0.0.1:5081                       100        inactive  active    pending
#include <fmt/format.h>

#include "render/show.hpp"

namespace gw::daemon {

namespace {
std::string state_word(std::optional<kamailio::DsState> s) {
  if (!s) return "-";
  return *s == kamailio::DsState::active ? "active" : "inactive";
}
}  // namespace

std::string render_show_kamailio(const DaemonSnapshot& snapshot) {
  if (!snapshot.kamailio) return "% Kamailio is not configured (kamailio rpc URL)\n";
  const KamailioSnapshot& k = *snapshot.kamailio;
  std::string out = "Kamailio dispatcher (gatewatch extension)\n";
  out += fmt::format("  RPC URL {} is {}\n", k.url, k.reachable ? "reachable" : "NOT reachable");
  out += fmt::format("  Last error: {}\n", k.last_error.empty() ? "none" : k.last_error);
  out += fmt::format("  Resync every {} s\n", k.resync_seconds);
  out += fmt::format("  Destinations: {} bound, {} in sync, {} pending, {} missing\n",
                     k.destinations, k.in_sync, k.pending(), k.missing);
  const auto& c = k.counters;
  out += fmt::format("  Requests {}, failures {}, JSON-RPC errors {}, states set {}, lists {}\n",
                     c.requests, c.failures, c.rpc_errors, c.states_set, c.lists);
  if (k.not_in_sync.empty()) return out;
  out += fmt::format("\n{:<10} {:<40} {:<10} {:<9} {:<9} {}\n", "Set", "Destination", "Dial-peer",
                     "Wanted", "Kamailio", "Status");
  for (const auto& d : k.not_in_sync) {
    out += fmt::format("{:<10} {:<40} {:<10} {:<9} {:<9} {}\n", d.dest.set, d.dest.uri,
                       d.dial_peers.empty() ? 0 : d.dial_peers.front(), state_word(d.wanted),
                       state_word(d.known), d.missing ? "missing" : "pending");
  }
  const std::size_t total = k.destinations - k.in_sync;
  if (total > k.not_in_sync.size())
    out += fmt::format("... and {} more not in sync\n", total - k.not_in_sync.size());
  return out;
}

}  // namespace gw::daemon
