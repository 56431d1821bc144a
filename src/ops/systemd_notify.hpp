// SystemdNotifier: the daemon's side of systemd's Type=notify protocol (sd_notify(3)):
// READY=1 once the services run, WATCHDOG=1 every half WatchdogSec from the io_context (so
// only while the keepalive loop turns), STATUS=<one-line summary> when it changes, and
// STOPPING=1 on shutdown. Without $NOTIFY_SOCKET (not under systemd) every call is a no-op.
// Contract: io_context thread only; stop() cancels the watchdog timer (idempotent).
// status_line() is a pure function of a snapshot (unit-tested):
//   "SIP targets 1/2 up; voice ports in service; CCM group 1 active 2"
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <string>

#include "report/snapshot.hpp"

namespace gw::daemon {

std::string status_line(const DaemonSnapshot& s);

class SystemdNotifier {
 public:
  explicit SystemdNotifier(asio::io_context& io);
  bool active() const { return active_; }
  // READY=1 with a first STATUS=, and starts the watchdog pings when WatchdogSec is set.
  void ready(const std::string& status);
  void status(const std::string& status);  // sent only when it differs from the last one
  void stopping();
  void stop();
  std::chrono::microseconds watchdog_interval() const { return watchdog_; }

 private:
  void ping();

  asio::steady_timer timer_;
  bool active_ = false;
  std::chrono::microseconds watchdog_{0};
  std::string last_status_;
};

}  // namespace gw::daemon
