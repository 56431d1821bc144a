// `show version` and `show clock` as IOS prints them: pure functions of what the caller read
// (version strings, uptime, the wall time, whether the clock is synchronised).
#pragma once
#include <chrono>
#include <string>

#include "report/event.hpp"

namespace gw::daemon {

struct VersionInfo {
  std::string version;   // "0.9.0"
  std::string build;     // compiler and build type
  std::string hostname;  // the running-config's hostname
  std::chrono::seconds uptime{0};
  std::string config_file;  // the -c file ("" none)
  std::string process;      // "gatewatch run" / "gatewatch shell"
};

// "gatewatch Software, Version 0.9.0\n...gw1 uptime is 1 day, 2 hours, 3 minutes\n
// Configuration file is "FILE"\n".
std::string render_show_version(const VersionInfo& info);

// IOS uptime words: "1 week, 2 days, 3 hours, 4 minutes" (zero units left out; under a
// minute: "0 minutes").
std::string ios_uptime(std::chrono::seconds uptime);

// "*10:34:56.789 UTC Tue Dec 8 2026": the `*` says the clock is not synchronised (IOS).
std::string render_show_clock(WallClock::time_point now, bool synchronised);

}  // namespace gw::daemon
