#include "app/session_backend.hpp"

namespace gw::app {

std::string render_line_result(const cli::LineResult& r, std::size_t prompt_width) {
  std::string out = r.output;
  if (r.error) out += cli::format_console_error(*r.error, prompt_width);
  return out;
}

std::string SessionBackend::execute(const std::string& line, bool& quit) {
  std::size_t width = session_.console().prompt().size();
  cli::LineResult r = session_.console().execute(line);
  quit = r.quit;
  return render_line_result(r, width);
}

std::string SessionBackend::help(const std::string& line) {
  std::size_t width = session_.console().prompt().size();
  return render_line_result(session_.console().help(line), width);
}

}  // namespace gw::app
