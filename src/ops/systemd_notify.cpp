#include "ops/systemd_notify.hpp"

#include <fmt/format.h>
#include <systemd/sd-daemon.h>

#include <cstdlib>

namespace gw::daemon {

std::string status_line(const DaemonSnapshot& s) {
  std::string out;
  if (s.sip && !s.sip->targets.empty()) {
    int up = 0;
    for (const auto& t : s.sip->targets) up += t.state == keepalive::TargetState::up ? 1 : 0;
    out = fmt::format("SIP targets {}/{} up", up, s.sip->targets.size());
  } else {
    out = "no SIP targets";
  }
  int busy = 0;
  for (const auto& p : s.voice_ports) busy += p.busy ? 1 : 0;
  out += busy ? fmt::format("; {} voice port(s) BUSYOUT", busy)
              : std::string("; voice ports in service");
  if (s.sccp && s.sccp->enabled) {
    for (const auto& g : s.sccp->groups) {
      out += g.live.active ? fmt::format("; CCM group {} active {}", g.group, *g.live.active)
                           : fmt::format("; CCM group {} NO active CCM", g.group);
    }
  }
  if (s.dial_peers && s.dial_peers->probed > 0) {
    const auto& d = *s.dial_peers;
    out += fmt::format("; dial-peers {}/{} active", d.probed - d.busyout, d.probed);
  }
  return out;
}

SystemdNotifier::SystemdNotifier(asio::io_context& io) : timer_(io) {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  active_ = socket && *socket;
  std::uint64_t usec = 0;
  if (active_ && sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
    watchdog_ = std::chrono::microseconds(usec);
}

void SystemdNotifier::ready(const std::string& status) {
  if (!active_) return;
  last_status_ = status;
  sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
  if (watchdog_.count() > 0) ping();
}

void SystemdNotifier::status(const std::string& status) {
  if (!active_ || status == last_status_) return;
  last_status_ = status;
  sd_notify(0, ("STATUS=" + status).c_str());
}

void SystemdNotifier::stopping() {
  if (active_) sd_notify(0, "STOPPING=1");
}

void SystemdNotifier::stop() {
  timer_.cancel();
}

void SystemdNotifier::ping() {
  sd_notify(0, "WATCHDOG=1");
  timer_.expires_after(watchdog_ / 2);
  timer_.async_wait([this](const std::error_code& ec) {
    if (!ec) ping();
  });
}

}  // namespace gw::daemon
