// Output modifiers in the console: `show ... | include REGEX` (see output_modifiers.hpp).
#include "cli/console.hpp"
#include "cli/output_modifiers.hpp"

namespace gw::cli {

std::optional<std::size_t> find_pipe(std::span<const Word> words) {
  for (std::size_t i = 0; i < words.size(); ++i)
    if (words[i].text == "|") return i;
  return std::nullopt;
}

bool Console::offers_pipe(std::span<const Word> words, std::string_view line) const {
  if (words.empty() || find_pipe(words)) return false;
  std::size_t depth = 0;
  MatchResult m = match_in_modes(words, line, true, depth);
  return m.kind == MatchResult::Kind::complete && m.command->filterable;
}

std::optional<LineResult> Console::execute_piped(std::span<const Word> words, std::size_t pipe,
                                                 std::string_view line, bool allow_parent_modes) {
  std::size_t depth = 0;
  MatchResult m = match_in_modes(words.first(pipe), line, allow_parent_modes, depth);
  if (m.kind != MatchResult::Kind::complete || !m.command->filterable) return std::nullopt;
  LineResult result;
  const auto mod_words = words.subspan(pipe + 1);
  auto parsed = parse_output_modifier(mod_words, line);
  if (auto* err = std::get_if<ModifierError>(&parsed)) {
    if (!err->message.empty()) {
      result.error = LineError{LineError::Kind::semantic, std::nullopt, err->message};
    } else {
      MatchResult failed;
      failed.kind = err->kind;
      failed.word_index = err->word_index;
      // An ambiguous or incomplete modifier is reported for the whole line, as IOS does.
      result.error = error_from_match(
          failed, err->kind == MatchResult::Kind::invalid ? mod_words : words, line);
    }
    return result;
  }
  OutputFilter& filter = std::get<OutputFilter>(parsed);
  m.args.set_context(stack_[depth].key);
  Outcome out = m.command->run(m.args);
  if (out.failed()) {
    LineError e{LineError::Kind::semantic, std::nullopt, out.error};
    if (!out.error_arg.empty() && m.args.has(out.error_arg)) e.caret = m.args.column(out.error_arg);
    result.error = std::move(e);
    result.output = std::move(out.output);
    return result;
  }
  filter.feed(out.output);
  if (out.stream) out.stream([&filter](std::string_view chunk) { filter.feed(chunk); });
  result.output = filter.finish();
  return result;
}

std::optional<LineResult> Console::help_piped(std::span<const Word> words, std::size_t pipe,
                                              std::string_view line, const std::string* partial) {
  std::size_t depth = 0;
  MatchResult m = match_in_modes(words.first(pipe), line, true, depth);
  if (m.kind != MatchResult::Kind::complete || !m.command->filterable) return std::nullopt;
  const auto mod_words = words.subspan(pipe + 1);
  HelpResult h = help_for(output_modifier_commands(), mod_words, partial);
  LineResult result;
  if (h.kind != MatchResult::Kind::complete) {
    MatchResult failed;
    failed.kind = h.kind;
    failed.word_index = h.word_index;
    result.error = error_from_match(failed, mod_words, line);
    return result;
  }
  if (h.items.empty()) {
    result.error = LineError{LineError::Kind::invalid, std::nullopt, "% Unrecognized command"};
    return result;
  }
  result.output = format_help_items(h.items, partial != nullptr);
  return result;
}

}  // namespace gw::cli
