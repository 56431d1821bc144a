// `show sip-ua keepalive`, e.g. (each table row is one line, wrapped here after "RTT (ms)"):
//   SIP keepalive: active 120 s, down 30 s, trigger 3, retry 6
//
//   Target     Address                        Transport  State  Successes  Code  RTT (ms)
//       Attempts/Failures  Last failure
//   primary    127.0.0.1:5060                 udp        up     4          200   0.4
//       4/0                -
#include <fmt/format.h>

#include "render/show.hpp"

namespace gw::daemon {

namespace {
std::string rtt_text(const std::optional<Duration>& rtt) {
  if (!rtt) return "-";
  const double ms = std::chrono::duration<double, std::milli>(*rtt).count();
  return fmt::format("{:.1f}", ms);
}
}  // namespace

std::string render_show_sip_ua_keepalive(const DaemonSnapshot& snapshot) {
  if (!snapshot.sip || snapshot.sip->targets.empty()) {
    return "SIP keepalive: no keepalive target configured\n";
  }
  const SipKeepaliveSnapshot& s = *snapshot.sip;
  std::string out = fmt::format("SIP keepalive: active {} s, down {} s, trigger {}, retry {}",
                                s.active_seconds, s.down_seconds, s.trigger, s.retries);
  if (s.time_scale != 1.0) out += fmt::format(" (time scale {})", s.time_scale);
  out += "\n";
  if (s.total_failure) out += "Total keepalive failure: monitored voice ports are busied out\n";
  out += "\n";
  out += fmt::format("{:<10} {:<30} {:<10} {:<6} {:<10} {:<5} {:<9} {:<18} {}\n", "Target",
                     "Address", "Transport", "State", "Successes", "Code", "RTT (ms)",
                     "Attempts/Failures", "Last failure");
  for (const auto& t : s.targets) {
    out +=
        fmt::format("{:<10} {:<30} {:<10} {:<6} {:<10} {:<5} {:<9} {:<18} {}\n", t.role, t.address,
                    to_string(t.transport), keepalive::to_string(t.state), t.consecutive_successes,
                    t.last_status ? std::to_string(t.last_status) : std::string("-"),
                    rtt_text(t.last_rtt), fmt::format("{}/{}", t.attempts, t.failures),
                    t.last_failure ? std::string(keepalive::to_string(*t.last_failure)) : "-");
  }
  const auto& c = s.counters;
  out += "\n";
  out += fmt::format("OPTIONS sent {}, retransmissions {}, responses {}\n", c.sent,
                     c.retransmissions, c.responses);
  out += fmt::format("Dropped: malformed {}, unmatched {}, ICMP errors {}\n", c.malformed,
                     c.unmatched, c.icmp_errors);
  return out;
}

}  // namespace gw::daemon
