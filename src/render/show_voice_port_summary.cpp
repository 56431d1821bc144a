// `show voice port summary`, e.g.
//   Port        Admin  Busyout  Why        Monitor    Description
//   0/0/1       up     yes      keepalive  keepalive  PSTN trunk
#include <fmt/format.h>

#include "render/show.hpp"

namespace gw::daemon {

std::string render_show_voice_port_summary(const DaemonSnapshot& snapshot) {
  if (snapshot.voice_ports.empty()) return "No voice ports configured\n";
  std::string out = fmt::format("{:<11} {:<6} {:<8} {:<10} {:<10} {}\n", "Port", "Admin", "Busyout",
                                "Why", "Monitor", "Description");
  for (const auto& p : snapshot.voice_ports) {
    out += fmt::format("{:<11} {:<6} {:<8} {:<10} {:<10} {}\n", p.port, p.shutdown ? "down" : "up",
                       p.busy ? "yes" : "no", p.why.empty() ? "-" : p.why,
                       p.monitor_keepalive ? "keepalive" : "-", p.description);
  }
  return out;
}

}  // namespace gw::daemon
