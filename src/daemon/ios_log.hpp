// IOS-style log lines on stderr, e.g.
//   *Nov 29 23:59:01.123 UTC: %SIP-5-KEEPALIVE: Keepalive target ipv4:127.0.0.1:5060 udp is DOWN (timeout)
// Contract: the format_* functions are pure (the caller passes the wall time); Logger writes
// one whole line per call and flushes it. Severity 7 (debug) lines are written only when the
// logger was created with debug on (GATEWATCH_DEBUG=1, a lab/test knob).
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

#include "daemon/event.hpp"

namespace gw::daemon {

// "*Nov 29 23:59:01.123 UTC: " (IOS `service timestamps log datetime msec`, UTC).
std::string ios_timestamp(WallClock::time_point t);

class Logger {
 public:
  explicit Logger(std::FILE* out = stderr, bool debug = false) : out_(out), debug_(debug) {}
  // `message` is "%FACILITY-SEV-MNEMONIC: text"; severity is the digit in it.
  void log(int severity, std::string_view message) const;
  bool debug() const { return debug_; }

 private:
  std::FILE* out_;
  bool debug_;
};

}  // namespace gw::daemon
