// The IOS console: modes, prompts, running one line, `?` help, and IOS error texts.
//
// Rules: a line runs in the current mode; if it matches nothing there, the parent modes are
// tried up to global configuration and, if one accepts it, the console leaves the sub-mode
// first (IOS runs a global command typed in a sub-mode globally). When nothing accepts the
// line, the error reported is the one that got furthest into the line (the current mode on a
// tie). `exit` goes up one mode, `end` (or Ctrl-Z) back to EXEC, `do` runs an EXEC command.
// Contract: execute() never throws and never half-applies a line (handlers validate first).
// The CommandTable must outlive the console.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command_table.hpp"
#include "cli/matcher.hpp"

namespace gw::cli {

// An error on one line, with the 0-based column of the caret (if it has one).
struct LineError {
  enum class Kind { invalid, incomplete, ambiguous, semantic, too_long };
  Kind kind = Kind::invalid;
  std::optional<std::size_t> caret;
  std::string message;  // full IOS text, e.g. "% Invalid input detected at '^' marker."
};

struct LineResult {
  std::string output;
  std::optional<LineError> error;
  bool quit = false;  // `exit` in EXEC: the session ends
};

class Console {
 public:
  using HostnameFn = std::function<std::string()>;

  Console(std::shared_ptr<const CommandTable> table, HostnameFn hostname);

  // allow_parent_modes=false confines the line to the current mode (used by `check --extract`
  // for indented lines, which belong to the block above them).
  LineResult execute(std::string_view line, bool allow_parent_modes = true);
  // `?` typed after `line` (line may end with a partial word or a blank).
  LineResult help(std::string_view line);
  // Tab completion: the keywords that complete the last (partial) word of `line`, sorted.
  std::vector<std::string> completions(std::string_view line);

  std::string prompt() const;
  ModeId mode() const { return stack_.back().mode; }
  const std::string& mode_key() const { return stack_.back().key; }
  void reset(ModeId mode = kExecMode);  // back to EXEC (or straight into a mode)

 private:
  struct Frame {
    ModeId mode;
    std::string key;
  };
  LineResult run_exec_line(std::string_view line);

  std::shared_ptr<const CommandTable> table_;
  HostnameFn hostname_;
  std::vector<Frame> stack_;
};

// "<indent>^\n<message>\n" with the caret under column `caret + indent` (console layout).
std::string format_console_error(const LineError& e, std::size_t prompt_width);

}  // namespace gw::cli
