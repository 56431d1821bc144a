// IOS-style log line wording, e.g.
//   *Nov 29 23:59:01.123 UTC: %SIP-5-KEEPALIVE: Keepalive target ipv4:127.0.0.1:5060 udp is DOWN
//   (timeout)
// Contract: pure; the caller passes the wall time. Writing the lines is Logger's (logger.hpp).
#pragma once
#include <string>

#include "report/event.hpp"

namespace gw::daemon {

// "*Nov 29 23:59:01.123 UTC: " (IOS `service timestamps log datetime msec`, UTC).
std::string ios_timestamp(WallClock::time_point t);

}  // namespace gw::daemon
