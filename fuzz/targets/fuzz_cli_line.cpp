// fuzz_cli_line: one IOS console (config::Session) fed the input split into lines, the way
// `gatewatch shell` feeds it: a line ending in '?' asks for help on what precedes it, any
// other line is executed; `exit` in EXEC ends the session, after which a new one continues.
// Properties: never crashes or throws; a caret never points past the end of its line; the
// prompt always renders; and whatever configuration the lines built renders to a
// running-config that loads back stably (reload_check.hpp).
// One Session is built once and reset to an empty Config in EXEC mode before each input (a
// Session's whole state is its Config and its console's mode stack); building the command
// tables per input would cost more than running the lines.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "cli/console.hpp"
#include "config/session.hpp"
#include "fuzz_check.hpp"
#include "reload_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static gw::config::Session session;
  session.config() = gw::config::Config{};
  gw::cli::Console& console = session.console();
  console.reset();
  while (!input.empty()) {
    const std::size_t lf = input.find('\n');
    const std::string_view line = input.substr(0, lf);
    input.remove_prefix(lf == std::string_view::npos ? input.size() : lf + 1);

    const std::string prompt = console.prompt();
    FUZZ_CHECK(!prompt.empty() && prompt.back() == '#', "prompt must end in '#'");
    const bool help = !line.empty() && line.back() == '?';
    const std::string_view body = help ? line.substr(0, line.size() - 1) : line;
    gw::cli::LineResult r = help ? console.help(body) : console.execute(body);
    if (r.error) {
      FUZZ_CHECK(!r.error->message.empty(), "an error without a message");
      if (r.error->caret)
        FUZZ_CHECK(*r.error->caret < body.size(), "caret past the end of the line");
      (void)gw::cli::format_console_error(*r.error, prompt.size());
    }
    if (r.quit) console.reset();
  }
  gw::fuzz::check_reload_stable(session.config());
  return 0;
}
