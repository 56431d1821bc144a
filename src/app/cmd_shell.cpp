// `gatewatch shell [-c FILE]`: the offline IOS console. On a terminal it is interactive; on a
// pipe it prints a transcript: each prompt followed by the line read, then the output, so
// carets line up as on a router.
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
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
#include "ops/system_info.hpp"

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
  const auto started = std::chrono::steady_clock::now();
  auto save = [&self, &file]() -> Status<> {
    if (!file) return fail("save", "% No configuration file (start the shell with -c FILE).");
    auto st = config::save_file_atomically(*file, config::render_running_config(self->config()));
    if (!st) return fail("save", "% " + st.error().message);
    return Ok{};
  };
  auto version = [&self, &file, started] {
    daemon::VersionInfo v;
    v.version = daemon::gatewatch_version();
    v.build = daemon::gatewatch_build();
    v.hostname = self->config().hostname;
    v.uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                started);
    v.config_file = file.value_or("");
    v.process = "gatewatch shell";
    return v;
  };
  std::vector<cli::Command> exec =
      config::exec_commands(daemon::system_exec_hooks(save, file.value_or(""), version));
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
