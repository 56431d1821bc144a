// `gatewatch cli`: see cmd_cli.hpp.
#include "app/cmd_cli.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/remote_backend.hpp"
#include "app/subcommands.hpp"
#include "config/line_reader.hpp"

namespace gw::app {

std::string default_control_socket() {
  const char* v = std::getenv("GATEWATCH_CONTROL");
  return v && *v ? std::string(v) : std::string("/run/gatewatch/control.sock");
}

int run_cli(const std::string& path) {
  auto b = RemoteBackend::connect(path);
  if (!b) {
    std::cerr << "% gatewatch cli: cannot reach the gatewatch daemon at " << path << ": " << b.error().message
              << " (is `gatewatch run --control " << path << "` running?)\n";
    return kExitRuntime;
  }
  RemoteBackend& backend = **b;
  if (::isatty(0) && ::isatty(1)) {
    run_interactive(backend);
  } else {
    // Transcript, as `gatewatch shell` prints it: the prompt, the line read, then the output.
    config::LineReader reader(0);
    std::string line;
    bool too_long = false;
    while (reader.next(line, too_long)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::string prompt = backend.prompt();
      if (backend.lost()) break;
      std::cout << prompt << (too_long ? line.substr(0, 80) + "..." : line) << "\n";
      bool quit = false;
      if (too_long) {
        std::cout << "% Line too long (over 65536 characters); ignored.\n";
      } else if (!line.empty() && line.back() == '?') {
        std::cout << backend.help(line.substr(0, line.size() - 1));
      } else {
        std::cout << backend.execute(line, quit);
      }
      std::cout << std::flush;
      if (quit) break;
    }
  }
  if (backend.lost()) {
    std::cerr << "% gatewatch cli: connection to the daemon lost: " << backend.error() << "\n";
    return kExitRuntime;
  }
  return kExitOk;
}

}  // namespace gw::app
