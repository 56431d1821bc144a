// A console command as data: {mode, grammar, help per token, handler}, and the types a
// handler sees (named, typed arguments) and returns (an Outcome).
// Contract: a handler validates everything before it changes anything, so a failing command
// leaves the configuration as it was. Handlers never throw.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/grammar.hpp"

namespace gw::cli {

using ModeId = std::uint16_t;

// A console mode: `exec` (gatewatch#), `config` (gatewatch(config)#) or a sub-mode.
struct ModeSpec {
  ModeId id = 0;
  std::string name;    // e.g. "config-sip-ua"; empty for exec
  ModeId parent = 0;   // mode that `exit` returns to; exec's parent is itself
  bool config = true;  // a configuration mode (exec is not)
};

// Named arguments bound by the matcher. Keywords bind their own text under their name.
class Args {
 public:
  struct Arg {
    std::string name;
    std::string value;
    std::size_t column = 0;
  };

  bool has(std::string_view name) const { return find(name) != nullptr; }
  std::string_view get(std::string_view name) const {
    const Arg* a = find(name);
    return a ? std::string_view(a->value) : std::string_view{};
  }
  long number(std::string_view name, long fallback = 0) const;
  std::size_t column(std::string_view name) const {
    const Arg* a = find(name);
    return a ? a->column : 0;
  }
  // The key of the sub-mode object the command runs in ("1" for `sccp ccm group 1`).
  const std::string& context() const { return context_; }

  void add(std::string name, std::string value, std::size_t column) {
    args_.push_back(Arg{std::move(name), std::move(value), column});
  }
  void set_context(std::string c) { context_ = std::move(c); }
  const std::vector<Arg>& all() const { return args_; }

 private:
  const Arg* find(std::string_view name) const {
    // Last binding wins: `priority <1-4>$priority` binds the keyword, then its value.
    for (auto it = args_.rbegin(); it != args_.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }
  std::vector<Arg> args_;
  std::string context_;
};

// What a handler asks the console to do after it ran.
struct Outcome {
  // exec_line: run enter_key as an EXEC command (IOS `do`). ask: print `question` as the
  // prompt and hand the next line to `answer` (IOS `Destination filename [startup-config]?`).
  enum class Action { none, enter, exit, end, quit, exec_line, ask };
  Action action = Action::none;
  ModeId enter_mode = 0;
  std::string enter_key;  // context of the entered sub-mode
  std::string output;     // printed as is
  // A semantic error: message printed after a caret under `error_arg`'s word (if set), or
  // alone (if error_arg is empty). Nothing was changed.
  std::string error;
  std::string error_arg;
  // A show that streams its text: called once with `emit`, which takes chunks of text (any
  // split); the console filters them (output modifiers) as they come. Printed after `output`.
  using Emit = std::function<void(std::string_view)>;
  std::function<void(const Emit&)> stream;
  std::string question;                             // ask
  std::function<Outcome(std::string_view)> answer;  // ask: gets the line typed, trimmed

  static Outcome ok() { return {}; }
  static Outcome streamed(std::function<void(const Emit&)> producer) {
    Outcome o;
    o.stream = std::move(producer);
    return o;
  }
  static Outcome ask(std::string question, std::function<Outcome(std::string_view)> answer) {
    Outcome o;
    o.action = Action::ask;
    o.question = std::move(question);
    o.answer = std::move(answer);
    return o;
  }
  static Outcome print(std::string text) {
    Outcome o;
    o.output = std::move(text);
    return o;
  }
  static Outcome enter(ModeId mode, std::string key) {
    Outcome o;
    o.action = Action::enter;
    o.enter_mode = mode;
    o.enter_key = std::move(key);
    return o;
  }
  static Outcome fail(std::string message, std::string arg = {}) {
    Outcome o;
    o.error = std::move(message);
    o.error_arg = std::move(arg);
    return o;
  }
  bool failed() const { return !error.empty(); }
};

using Handler = std::function<Outcome(const Args&)>;

struct Command {
  ModeId mode = 0;
  std::string grammar;
  std::vector<std::string_view> help;
  Handler run;
};

}  // namespace gw::cli
