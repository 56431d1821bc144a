// `gatewatch shell [-c FILE]`: the offline IOS console. On a terminal it is interactive; on a
// pipe it prints a transcript: each prompt followed by the line read, then the output, so
// carets line up as on a router.
#include <fcntl.h>
#include <unistd.h>

#include <iostream>

#include "config/loader.hpp"
#include "config/persist.hpp"
#include "config/render.hpp"
#include "config/session.hpp"
#include "app/console_backend.hpp"
#include "app/session_backend.hpp"
#include "app/subcommands.hpp"

namespace gw::app {

int run_shell(const std::optional<std::string>& file) {
  config::Config initial;
  if (file) {
    int fd = ::open(file->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      config::LineReader reader(fd);
      auto loaded = config::load_config(reader);
      ::close(fd);
      if (!loaded.ok()) {
        for (const auto& d : loaded.errors) std::cerr << config::format_diagnostic(*file, d);
        return kExitInvalid;
      }
      initial = std::move(loaded.config);
    } else if (errno != ENOENT) {
      std::cerr << "% Cannot open " << *file << "\n";
      return kExitInvalid;
    }
  }
  config::Session* self = nullptr;
  std::vector<cli::Command> exec;
  exec.push_back({config::kExec, "write memory", {"Write running configuration to memory, network, or terminal",
                                                  "Write to NV memory"},
                  [&self, &file](const cli::Args&) {
                    if (!file) return cli::Outcome::fail("% No configuration file (start the shell with -c FILE).");
                    auto st = config::save_file_atomically(*file, config::render_running_config(self->config()));
                    if (!st) return cli::Outcome::fail("% " + st.error().message);
                    return cli::Outcome::print("Building configuration...\n[OK]\n");
                  }});
  config::Session session(std::move(initial), std::move(exec));
  self = &session;

  SessionBackend backend(session);
  if (::isatty(0) && ::isatty(1)) {
    run_interactive(backend);
    return kExitOk;
  }
  // Transcript: each prompt followed by the line read, then the output.
  config::LineReader reader(0);
  std::string line;
  bool too_long = false;
  while (reader.next(line, too_long)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string prompt = backend.prompt();
    std::cout << prompt << (too_long ? line.substr(0, 80) + "..." : line) << "\n";
    bool quit = false;
    if (too_long) {
      cli::LineResult r;
      r.error = cli::LineError{cli::LineError::Kind::too_long, std::nullopt,
                               "% Line too long (over 65536 characters); ignored."};
      std::cout << render_line_result(r, prompt.size());
    } else if (!line.empty() && line.back() == '?') {
      std::cout << backend.help(line.substr(0, line.size() - 1));
    } else {
      std::cout << backend.execute(line, quit);
    }
    std::cout << std::flush;
    if (quit) break;
  }
  return kExitOk;
}

}  // namespace gw::app
