// SessionBackend: a ConsoleBackend over a local config::Session (the offline shell).
// Contract: the Session outlives the backend; single-threaded.
#pragma once
#include "app/console_backend.hpp"
#include "config/session.hpp"

namespace gw::app {

class SessionBackend final : public ConsoleBackend {
 public:
  explicit SessionBackend(config::Session& session) : session_(session) {}
  std::string prompt() override { return session_.console().prompt(); }
  std::string execute(const std::string& line, bool& quit) override;
  std::string help(const std::string& line) override;
  std::vector<std::string> completions(const std::string& line) override {
    return session_.console().completions(line);
  }
  unsigned page_length() override { return session_.console().terminal().length; }
  unsigned page_width() override { return session_.console().terminal().width; }

 private:
  config::Session& session_;
};

// Output and IOS error text of one console result, the caret placed after `prompt_width`.
std::string render_line_result(const cli::LineResult& r, std::size_t prompt_width);

}  // namespace gw::app
