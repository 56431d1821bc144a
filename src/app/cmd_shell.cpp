// `gatewatch shell [-c FILE]`: the offline IOS console. On a terminal it is interactive; on a
// pipe it prints a transcript: each prompt followed by the line read, then the output, so
// carets line up as on a router.
#include <fcntl.h>
#include <unistd.h>

#include <iostream>

#include "app/console_backend.hpp"
#include "app/session_backend.hpp"
#include "app/subcommands.hpp"
#include "app/transcript.hpp"
#include "config/line_reader.hpp"
#include "config/loader.hpp"
#include "config/render.hpp"
#include "config/session.hpp"
#include "ops/fd_source.hpp"
#include "ops/persist.hpp"

namespace gw::app {

int run_shell(const std::optional<std::string>& file) {
  config::Config initial;
  if (file) {
    int fd = ::open(file->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      daemon::FdSource source(fd);
      config::LineReader reader(source);
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
  exec.push_back(
      {config::kExec,
       "write memory",
       {"Write running configuration to memory, network, or terminal", "Write to NV memory"},
       [&self, &file](const cli::Args&) {
         if (!file)
           return cli::Outcome::fail("% No configuration file (start the shell with -c FILE).");
         auto st =
             config::save_file_atomically(*file, config::render_running_config(self->config()));
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
  run_transcript(backend, 0, std::cout);
  return kExitOk;
}

}  // namespace gw::app
