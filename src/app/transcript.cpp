// The console transcript loop: see transcript.hpp.
#include "app/transcript.hpp"

#include <string>

#include "app/session_backend.hpp"
#include "cli/console.hpp"
#include "config/line_reader.hpp"
#include "ops/fd_source.hpp"

namespace gw::app {

void run_transcript(ConsoleBackend& backend, int fd, std::ostream& out) {
  daemon::FdSource source(fd);
  config::LineReader reader(source);
  std::string line;
  bool too_long = false;
  while (reader.next(line, too_long)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string prompt = backend.prompt();
    if (backend.lost()) break;
    out << prompt << (too_long ? line.substr(0, 80) + "..." : line) << "\n";
    bool quit = false;
    if (too_long) {
      cli::LineResult r;
      r.error = cli::LineError{cli::LineError::Kind::too_long, std::nullopt,
                               "% Line too long (over 65536 characters); ignored."};
      out << render_line_result(r, prompt.size());
    } else if (!line.empty() && line.back() == '?') {
      out << backend.help(line.substr(0, line.size() - 1));
    } else {
      out << backend.execute(line, quit);
    }
    out << std::flush;
    if (quit) break;
  }
}

}  // namespace gw::app
