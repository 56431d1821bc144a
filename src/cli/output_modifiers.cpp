#include "cli/output_modifiers.hpp"

#include <stdexcept>

#include "cli/matcher.hpp"

namespace gw::cli {
namespace {

struct ModifierSpec {
  const char* grammar;
  std::vector<std::string_view> help;
};

const ModifierSpec kModifiers[] = {
    {"begin LINE$regex", {"Begin with the line that matches", "Regular Expression"}},
    {"count [LINE$regex]", {"Count number of lines which match regexp", "Regular Expression"}},
    {"exclude LINE$regex", {"Exclude lines that match", "Regular Expression"}},
    {"include LINE$regex", {"Include lines that match", "Regular Expression"}},
    {"section LINE$regex", {"Filter a section of output", "Regular Expression"}},
};

}  // namespace

const std::vector<CompiledCommand>& output_modifier_commands() {
  static const std::vector<CompiledCommand> table = [] {
    std::vector<CompiledCommand> out;
    for (const auto& m : kModifiers) {
      auto g = compile_grammar(m.grammar, m.help, {});
      // Compiled-in data: a grammar that does not compile is a build defect (tests catch it).
      if (!g) throw std::logic_error("output modifier grammar: " + g.error().message);
      out.push_back(
          CompiledCommand{std::move(*g), [](const Args&) { return Outcome::ok(); }, m.grammar});
    }
    return out;
  }();
  return table;
}

std::variant<OutputFilter, ModifierError> parse_output_modifier(std::span<const Word> words,
                                                                std::string_view line) {
  ModifierError err;
  if (words.empty()) {
    err.kind = MatchResult::Kind::incomplete;
    return err;
  }
  MatchResult m = match_line(output_modifier_commands(), words, line);
  if (m.kind != MatchResult::Kind::complete) {
    err.kind = m.kind;
    err.word_index = m.word_index;
    return err;
  }
  ModifierKind kind = ModifierKind::include;
  if (m.args.has("exclude")) kind = ModifierKind::exclude;
  if (m.args.has("begin")) kind = ModifierKind::begin;
  if (m.args.has("section")) kind = ModifierKind::section;
  if (m.args.has("count")) kind = ModifierKind::count;
  std::optional<IosRegex> regex;
  if (m.args.has("regex")) {
    auto r = IosRegex::compile(m.args.get("regex"));
    if (!r) {
      err.kind = MatchResult::Kind::complete;
      err.message = r.error().message;
      return err;
    }
    regex = std::move(*r);
  }
  return OutputFilter(kind, std::move(regex));
}

}  // namespace gw::cli
