#include "cli/console.hpp"

#include <algorithm>
#include <cctype>

#include "cli/line_limits.hpp"

namespace gw::cli {
namespace {

constexpr char kCtrlZ = '\x1a';

}  // namespace

LineError error_from_match(const MatchResult& m, std::span<const Word> words,
                           std::string_view line) {
  LineError e;
  switch (m.kind) {
    case MatchResult::Kind::invalid:
      e.kind = LineError::Kind::invalid;
      e.caret = words[m.word_index].column;
      e.message = "% Invalid input detected at '^' marker.";
      break;
    case MatchResult::Kind::ambiguous:
      e.kind = LineError::Kind::ambiguous;
      e.message = "% Ambiguous command:  \"" +
                  std::string(trim_right(line.substr(words.front().column))) + "\"";
      break;
    default:
      e.kind = LineError::Kind::incomplete;
      e.message = "% Incomplete command.";
      break;
  }
  return e;
}

namespace {

// How far into the line a failed match got (complete is furthest).
std::size_t progress(const MatchResult& m, std::size_t word_count) {
  switch (m.kind) {
    case MatchResult::Kind::complete:
      return word_count + 2;
    case MatchResult::Kind::incomplete:
    case MatchResult::Kind::ambiguous:
      return m.kind == MatchResult::Kind::incomplete ? word_count + 1 : m.word_index + 1;
    case MatchResult::Kind::invalid:
      return m.word_index;
    default:
      return 0;
  }
}

}  // namespace

Console::Console(std::shared_ptr<const CommandTable> table, HostnameFn hostname)
    : table_(std::move(table)), hostname_(std::move(hostname)) {
  stack_.push_back({kExecMode, {}});
}

void Console::reset(ModeId mode) {
  stack_.clear();
  stack_.push_back({kExecMode, {}});
  if (mode != kExecMode) {
    if (mode != kConfigMode) stack_.push_back({kConfigMode, {}});
    stack_.push_back({mode, {}});
  }
}

std::string Console::prompt() const {
  if (pending_) return pending_->question;
  std::string p = hostname_();
  const ModeSpec& m = table_->mode(mode());
  if (!m.name.empty()) p += "(" + m.name + ")";
  return p + "#";
}

LineResult Console::run_exec_line(std::string_view line) {
  auto saved = stack_;
  stack_.resize(1);
  in_do_ = true;  // the `do` line is in the history already
  LineResult r = execute(line);
  in_do_ = false;
  // `do` never changes the mode (a `do configure terminal` is a no-op on IOS too).
  stack_ = std::move(saved);
  r.quit = false;
  return r;
}

MatchResult Console::match_in_modes(std::span<const Word> words, std::string_view line,
                                    bool allow_parent_modes, std::size_t& chosen_depth) const {
  // Try the current mode, then its parents up to global configuration.
  chosen_depth = stack_.size() - 1;
  MatchResult best;
  std::size_t best_progress = 0;
  bool have_best = false;
  for (std::size_t depth = stack_.size(); depth-- > 0;) {
    ModeId m = stack_[depth].mode;
    MatchResult r = match_line(table_->commands_in(m), words, line);
    std::size_t pr = progress(r, words.size());
    if (!have_best || pr > best_progress) {
      best = std::move(r);
      best_progress = pr;
      chosen_depth = depth;
      have_best = true;
    }
    if (best.kind == MatchResult::Kind::complete) break;
    if (m == kConfigMode || m == kExecMode || !allow_parent_modes) break;
  }
  return best;
}

void Console::remember(std::string_view line) {
  history_.emplace_back(line);
  while (history_.size() > kHistorySize) history_.pop_front();
}

LineResult Console::execute(std::string_view line, bool allow_parent_modes) {
  LineResult result;
  if (line.size() > kMaxLineBytes) {
    result.error = LineError{LineError::Kind::too_long, std::nullopt,
                             "% Line too long (over 65536 characters); ignored."};
    return result;
  }
  if (pending_) {  // the answer to a command's question
    Outcome asked = std::move(*pending_);
    pending_.reset();
    Outcome out = asked.answer(trim_right(line));
    if (out.failed()) result.error = LineError{LineError::Kind::semantic, std::nullopt, out.error};
    result.output = std::move(out.output);
    return result;
  }
  bool ctrl_z = false;
  line = trim_right(line);
  if (!line.empty() && line.back() == kCtrlZ) {
    ctrl_z = true;
    line.remove_suffix(1);
  }
  auto words = tokenize(line);
  if (words.empty()) {
    if (ctrl_z && stack_.size() > 1) stack_.resize(1);
    return result;
  }

  if (!in_do_) remember(line);
  if (auto pipe = find_pipe(words)) {
    if (auto piped = execute_piped(words, *pipe, line, allow_parent_modes)) return *piped;
  }
  std::size_t chosen_depth = 0;
  MatchResult best = match_in_modes(words, line, allow_parent_modes, chosen_depth);
  if (best.kind != MatchResult::Kind::complete) {
    result.error = error_from_match(best, words, line);
    return result;
  }

  best.args.set_context(stack_[chosen_depth].key);
  Outcome out = best.command->run(best.args);
  if (out.failed()) {
    LineError e{LineError::Kind::semantic, std::nullopt, out.error};
    if (!out.error_arg.empty() && best.args.has(out.error_arg))
      e.caret = best.args.column(out.error_arg);
    result.error = std::move(e);
    result.output = std::move(out.output);
    return result;
  }
  // The command was accepted in an ancestor mode: leave the sub-modes first.
  stack_.resize(chosen_depth + 1);
  if (out.stream) out.stream([&out](std::string_view chunk) { out.output.append(chunk); });
  result.output = std::move(out.output);
  switch (out.action) {
    case Outcome::Action::none:
      break;
    case Outcome::Action::enter:
      stack_.push_back({out.enter_mode, out.enter_key});
      break;
    case Outcome::Action::exit:
      if (stack_.size() > 1) stack_.pop_back();
      break;
    case Outcome::Action::end:
      stack_.resize(1);
      break;
    case Outcome::Action::quit:
      result.quit = true;
      break;
    case Outcome::Action::ask:
      pending_ = std::move(out);
      break;
    case Outcome::Action::exec_line: {
      LineResult r = run_exec_line(out.enter_key);
      r.output = result.output + r.output;
      // The caret belongs under the word of the whole `do ...` line.
      if (r.error && r.error->caret) *r.error->caret += best.args.column("line");
      return r;
    }
  }
  if (ctrl_z) stack_.resize(1);
  return result;
}

LineResult Console::help(std::string_view line) {
  LineResult result;
  if (line.size() > kMaxLineBytes) {
    result.error = LineError{LineError::Kind::too_long, std::nullopt,
                             "% Line too long (over 65536 characters); ignored."};
    return result;
  }
  bool partial_word = !line.empty() && !is_blank(line.back());
  auto words = tokenize(line);
  std::string partial;
  if (partial_word && !words.empty()) {
    partial = std::string(words.back().text);
    words.pop_back();
  }
  const std::string* partial_ptr = partial_word ? &partial : nullptr;
  if (auto pipe = find_pipe(words)) {
    if (auto piped = help_piped(words, *pipe, line, partial_ptr)) return *piped;
  }
  if (partial == "|" && offers_pipe(words, line)) {  // `show running-config |?`
    result.output = format_help_items({HelpItem{"|", "Output modifiers"}}, true);
    return result;
  }

  // Collect help from the current mode and its parents (global commands work in sub-modes).
  std::vector<HelpItem> items;
  std::optional<HelpResult> first_error;
  for (std::size_t depth = stack_.size(); depth-- > 0;) {
    ModeId m = stack_[depth].mode;
    HelpResult h = help_for(table_->commands_in(m), words, partial_ptr);
    if (h.kind != MatchResult::Kind::complete) {
      if (!first_error) first_error = h;
    } else {
      for (auto& it : h.items) {
        bool dup = false;
        for (const auto& have : items) dup = dup || have.label == it.label;
        if (!dup) items.push_back(std::move(it));
      }
    }
    if (m == kConfigMode || m == kExecMode) break;
  }
  // `<cr>` goes last.
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].label == "<cr>" && i + 1 != items.size()) {
      auto cr = items[i];
      items.erase(items.begin() + static_cast<long>(i));
      items.push_back(cr);
      break;
    }
  if (items.empty()) {
    if (first_error && first_error->kind != MatchResult::Kind::complete && !words.empty()) {
      MatchResult m;
      m.kind = first_error->kind;
      m.word_index = first_error->word_index;
      result.error = error_from_match(m, words, line);
    } else {
      result.error = LineError{LineError::Kind::invalid, std::nullopt, "% Unrecognized command"};
    }
    return result;
  }
  if (!partial_word && !items.empty() && items.back().label == "<cr>" && offers_pipe(words, line))
    items.insert(items.end() - 1, HelpItem{"|", "Output modifiers"});
  std::string out = format_help_items(items, partial_word);
  result.output = std::move(out);
  return result;
}

std::vector<std::string> Console::completions(std::string_view line) {
  std::vector<std::string> out;
  if (line.size() > kMaxLineBytes) return out;
  auto words = tokenize(line);
  std::string partial;
  if (!line.empty() && !is_blank(line.back()) && !words.empty()) {
    partial = std::string(words.back().text);
    words.pop_back();
  }
  for (std::size_t depth = stack_.size(); depth-- > 0;) {
    ModeId m = stack_[depth].mode;
    HelpResult h = help_for(table_->commands_in(m), words, &partial);
    for (const auto& it : h.items) {
      bool keyword = !it.label.empty() && it.label.front() != '<' &&
                     !std::isupper(static_cast<unsigned char>(it.label.front()));
      if (keyword && std::find(out.begin(), out.end(), it.label) == out.end())
        out.push_back(it.label);
    }
    if (m == kConfigMode || m == kExecMode) break;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string format_help_items(const std::vector<HelpItem>& items, bool partial_word) {
  std::string out;
  if (partial_word) {
    for (const auto& it : items) out += it.label + "  ";
    out += "\n\n";
    return out;
  }
  std::size_t width = 0;
  for (const auto& it : items) width = std::max(width, it.label.size());
  for (const auto& it : items) {
    std::string row = "  " + it.label;
    if (!it.help.empty()) row += std::string(width - it.label.size() + 2, ' ') + it.help;
    out += row + "\n";
  }
  out += "\n";
  return out;
}

std::string format_console_error(const LineError& e, std::size_t prompt_width) {
  std::string out;
  if (e.caret) out += std::string(prompt_width + *e.caret, ' ') + "^\n";
  out += e.message + "\n";
  if (e.kind != LineError::Kind::ambiguous) out += "\n";
  return out;
}

}  // namespace gw::cli
