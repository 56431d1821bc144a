// `gatewatch check -c FILE` and `gatewatch check --extract FILE`.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "app/subcommands.hpp"
#include "config/line_reader.hpp"
#include "config/loader.hpp"
#include "config/render.hpp"
#include "ops/fd_source.hpp"

namespace gw::app {

int run_check(const std::string& file, bool extract) {
  int fd = file == "-" ? 0 : ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::cerr << "% Cannot open " << file << ": " << std::strerror(errno) << "\n";
    return kExitInvalid;
  }
  daemon::FdSource source(fd);
  config::LineReader reader(source);
  auto result =
      config::load_config(reader, extract ? config::LoadMode::extract : config::LoadMode::strict);
  if (fd != 0) ::close(fd);
  for (const auto& d : result.skipped) std::cerr << config::format_diagnostic(file, d);
  if (!result.ok()) {
    for (const auto& d : result.errors) std::cerr << config::format_diagnostic(file, d);
    return kExitInvalid;
  }
  if (extract)
    std::cerr << "% Read " << result.lines << " lines; skipped " << result.skipped.size()
              << " (listed above).\n";
  std::cout << config::render_running_config(result.config);
  return kExitOk;
}

}  // namespace gw::app
