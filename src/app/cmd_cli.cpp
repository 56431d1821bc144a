// `gatewatch cli`: see cmd_cli.hpp.
#include "app/cmd_cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/remote_backend.hpp"
#include "app/subcommands.hpp"
#include "app/transcript.hpp"

namespace gw::app {

std::string default_control_socket() {
  const char* v = std::getenv("GATEWATCH_CONTROL");
  return v && *v ? std::string(v) : std::string("/run/gatewatch/control.sock");
}

int run_cli(const std::string& path) {
  auto b = RemoteBackend::connect(path);
  if (!b) {
    std::cerr << "% gatewatch cli: cannot reach the gatewatch daemon at " << path << ": "
              << b.error().message << " (is `gatewatch run --control " << path << "` running?)\n";
    return kExitRuntime;
  }
  RemoteBackend& backend = **b;
  if (::isatty(0) && ::isatty(1)) {
    run_interactive(backend);
  } else {
    run_transcript(backend, 0, std::cout);  // as `gatewatch shell` prints it
  }
  if (backend.lost()) {
    std::cerr << "% gatewatch cli: connection to the daemon lost: " << backend.error() << "\n";
    return kExitRuntime;
  }
  return kExitOk;
}

}  // namespace gw::app
