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
  // The session's `terminal length` and `width` (--More-- paging on an interactive terminal).
  virtual unsigned page_length() { return 24; }
  // Output that arrives unasked (debug, `terminal monitor`): a descriptor to poll while the
  // prompt waits (-1: none), and the text that came in (never blocks).
  virtual int async_fd() const { return -1; }
  virtual std::string take_async() { return {}; }
  virtual unsigned page_width() { return 80; }
};

// Runs an interactive console on the terminal with libedit: history, line editing, Tab
// completes keywords, `?` answers at once without Enter (as on IOS); output longer than the
// session's `terminal length` is paged with --More-- (cli/pager.hpp). Returns at EOF or quit.
void run_interactive(ConsoleBackend& backend);

}  // namespace gw::app
