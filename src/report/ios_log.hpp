// IOS-style log lines, e.g.
//   *Nov 29 23:59:01.123 UTC: %VOICE-5-BUSYOUT: voice-port 0/0/1 busied out (keepalive)
// The report/*_wording.hpp builders return the line as an IosLogLine; Logger (ops/logger.hpp)
// writes it behind ios_timestamp(). Contract: pure; the caller passes the wall time.
#pragma once
#include <string>

#include "report/event.hpp"

namespace gw::daemon {

// One log line without its timestamp: its IOS severity (0-7, the digit in its
// %FACILITY-SEV-MNEMONIC) and its text, e.g. {5, "%SCCP-5-CCM_DOWN: CCM group 1: ..."}.
// A plain value; the builders always set both fields.
struct IosLogLine {
  int severity = 5;
  std::string text;
};

// "*Nov 29 23:59:01.123 UTC: " (IOS `service timestamps log datetime msec`, UTC).
std::string ios_timestamp(WallClock::time_point t);

}  // namespace gw::daemon
