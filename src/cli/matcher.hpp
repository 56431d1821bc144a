// Matches the words of one line against every command of one mode at once, IOS style.
//
// Rules (in this order, per word): an exact keyword beats a typed token, a typed token
// (range, address, ...) beats a keyword prefix, a keyword prefix beats WORD/HOSTNAME/LINE.
// Among keyword prefixes, two different keywords make the word ambiguous. A word nothing
// accepts is invalid input at that word. When all words are consumed and no command may
// end there, the command is incomplete. Keywords are case-insensitive.
// Contract: pure; the result's Args copy what they need from the line.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "cli/command_table.hpp"
#include "cli/tokenizer.hpp"

namespace gw::cli {

struct MatchResult {
  enum class Kind { complete, incomplete, invalid, ambiguous, empty };
  Kind kind = Kind::empty;
  std::size_t word_index = 0;  // invalid/ambiguous: the word that failed
  const CompiledCommand* command = nullptr;
  Args args;
};

MatchResult match_line(const std::vector<CompiledCommand>& commands, std::span<const Word> words,
                       std::string_view line);

// `?` help: what may follow `words` (full list) or complete `partial` (partial word).
struct HelpItem {
  std::string label;
  std::string help;
};
struct HelpResult {
  MatchResult::Kind kind = MatchResult::Kind::complete;  // invalid/ambiguous: error at word_index
  std::size_t word_index = 0;
  std::vector<HelpItem> items;  // `<cr>` last when the command may end here
};
HelpResult help_for(const std::vector<CompiledCommand>& commands, std::span<const Word> words,
                    const std::string* partial);

}  // namespace gw::cli
