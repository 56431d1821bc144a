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
#include <deque>
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

// Per-session terminal settings (`terminal length|width|monitor`), IOS defaults.
struct TerminalSettings {
  unsigned length = 24;  // rows per --More-- page; 0: no paging
  unsigned width = 80;   // columns (a longer line counts as several rows when paging)
  bool monitor = false;  // debug output is shown on this session
};

// `show history` keeps the last lines typed, as IOS does with `terminal history size 10`.
inline constexpr std::size_t kHistorySize = 10;

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

  // The prompt, or the question of a command waiting for an answer (`copy ... startup-config`).
  std::string prompt() const;
  ModeId mode() const { return stack_.back().mode; }
  const std::string& mode_key() const { return stack_.back().key; }
  void reset(ModeId mode = kExecMode);  // back to EXEC (or straight into a mode)

  TerminalSettings& terminal() { return terminal_; }
  const TerminalSettings& terminal() const { return terminal_; }
  // The last kHistorySize lines executed, oldest first (answers to questions are not kept).
  const std::deque<std::string>& history() const { return history_; }

 private:
  struct Frame {
    ModeId mode;
    std::string key;
  };
  LineResult run_exec_line(std::string_view line);
  // The best match of `words` in the current mode and its parents; `depth` is the stack index.
  MatchResult match_in_modes(std::span<const Word> words, std::string_view line,
                             bool allow_parent_modes, std::size_t& depth) const;
  // `show ... | modifier`: nullopt when the words before the `|` are not a complete show
  // (then the line is matched whole, as `do show ... | i x` must be). console_pipe.cpp.
  std::optional<LineResult> execute_piped(std::span<const Word> words, std::size_t pipe,
                                          std::string_view line, bool allow_parent_modes);
  // `?` after a `|` (nullopt as above), and whether `|` belongs in the help of `words`.
  std::optional<LineResult> help_piped(std::span<const Word> words, std::size_t pipe,
                                       std::string_view line, const std::string* partial);
  bool offers_pipe(std::span<const Word> words, std::string_view line) const;
  void remember(std::string_view line);

  std::shared_ptr<const CommandTable> table_;
  HostnameFn hostname_;
  std::vector<Frame> stack_;
  TerminalSettings terminal_;
  std::deque<std::string> history_;
  std::optional<Outcome> pending_;  // a command waiting for the answer to its question
  bool in_do_ = false;              // running the EXEC line of a `do`
};

// The IOS error of a failed match of `words` (invalid: caret under the failed word).
LineError error_from_match(const MatchResult& m, std::span<const Word> words,
                           std::string_view line);
// The help listing (`?`) of `items`: full rows, or the candidates of a partial word.
std::string format_help_items(const std::vector<HelpItem>& items, bool partial_word);
// The index of the `|` word that starts output modifiers, if any.
std::optional<std::size_t> find_pipe(std::span<const Word> words);

// "<indent>^\n<message>\n" with the caret under column `caret + indent` (console layout).
std::string format_console_error(const LineError& e, std::size_t prompt_width);

}  // namespace gw::cli
