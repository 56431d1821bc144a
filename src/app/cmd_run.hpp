// `gatewatch run`: its arguments (checked for usage errors by main()) and its entry point.
// Returns the exit code: 0 stopped by SIGTERM/SIGINT, 1 invalid configuration, 3 runtime
// failure (events file, cannot bind).
#pragma once
#include <string>

namespace gw::app {

struct RunArgs {
  std::string config;
  std::string events;         // "" none, "-" stdout
  std::string control;        // "" none
  std::string control_group;  // "" owner only (0600); else 0660 and this group
  std::string metrics;        // "" none, else HOST:PORT
  std::string notify;         // "" none, else PROGRAM run for every event (JSON line on stdin)
  double time_scale = 1.0;
  std::string node;  // --node NAME in a cluster; "" the host name
};

int run_run(const RunArgs& args);

}  // namespace gw::app
