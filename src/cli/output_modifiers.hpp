// The output modifiers a `show` accepts after `|`, as a command table of their own (grammar
// is data, matched and helped by the same engine as every command):
//   include LINE | exclude LINE | begin LINE | section LINE | count [LINE]
// so `| i`, `| e`, `| b`, `| s`, `| c` are abbreviations and `| ?` lists them.
// Contract: pure; the table is compiled once and shared read-only.
#pragma once
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "cli/command_table.hpp"
#include "cli/matcher.hpp"
#include "cli/output_filter.hpp"
#include "cli/tokenizer.hpp"

namespace gw::cli {

const std::vector<CompiledCommand>& output_modifier_commands();

// The filter named by the words after `|` (columns index `line`), or the error to print.
struct ModifierError {
  MatchResult::Kind kind = MatchResult::Kind::invalid;  // invalid/incomplete/ambiguous/complete
  std::size_t word_index = 0;                           // within `words`
  std::string message;                                  // a semantic error (a bad regex)
};
std::variant<OutputFilter, ModifierError> parse_output_modifier(std::span<const Word> words,
                                                                std::string_view line);

}  // namespace gw::cli
