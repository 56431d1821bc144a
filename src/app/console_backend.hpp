// ConsoleBackend: what an interactive IOS console talks to — the offline Session in
// `gatewatch shell`, or the running daemon over the control socket in `gatewatch cli`.
// Contract: every call answers with text to print; none blocks longer than the backend's own
// timeout; quit() tells the front end to leave.
#pragma once
#include <string>
#include <vector>

namespace gw::app {

class ConsoleBackend {
 public:
  virtual ~ConsoleBackend() = default;
  virtual std::string prompt() = 0;
  // Runs one line; returns what to print (output and IOS error text, caret aligned after the
  // prompt that was shown).
  virtual std::string execute(const std::string& line, bool& quit) = 0;
  virtual std::string help(const std::string& line) = 0;  // `?` typed after `line`
  virtual std::vector<std::string> completions(const std::string& line) = 0;
  // True once the backend can no longer answer (a remote daemon went away); front ends stop.
  virtual bool lost() const { return false; }
};

// Runs an interactive console on the terminal with libedit: history, line editing, Tab
// completes keywords, `?` answers at once without Enter (as on IOS). Returns at EOF or quit.
void run_interactive(ConsoleBackend& backend);

}  // namespace gw::app
