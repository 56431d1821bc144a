// A command's grammar, compiled from its FRR-style grammar string into a token graph.
//
// Grammar text: words separated by blanks. A lowercase word is a keyword. Typed tokens:
// `<lo-hi>`, `A.B.C.D`, `X:X::X:X`, `HOSTNAME`, `WORD`, `LINE` (rest of line, must be last),
// `SIP-SERVER`, `IFNAME`, `SLOT/PORT`, `VERSION`, `DEVICE-NAME`. Any token may carry
// `$name`, the name its value is bound to (keywords bind their own text by default).
// `[ ... ]` is optional, `{ a | b }` is one of, `[ a | b ]` is optionally one of.
//
// Compilation is Glushkov's construction: one node per token, each node lists the nodes that
// may follow it; `first` lists the nodes a command may start with; `can_end` marks nodes after
// which the command may end (`<cr>`). Errors in grammar text are programming errors and are
// returned as a Result so a table test catches them.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "cli/token_types.hpp"

namespace gw::cli {

struct Node {
  TokenKind kind = TokenKind::keyword;
  std::string keyword;  // lowercase keyword text (kind == keyword)
  long lo = 0, hi = 0;  // range bounds (kind == range)
  std::string name;     // argument name
  std::string label;    // as `?` shows it: "target", "<1-10>", "A.B.C.D", "WORD"
  std::string help;
  std::vector<std::uint16_t> follow;
  bool can_end = false;
};

struct Grammar {
  std::vector<Node> nodes;
  std::vector<std::uint16_t> first;
};

// Help text for a keyword when the command gives none (shared words such as `no`).
using HelpFallback = std::function<std::string(std::string_view keyword)>;

// helps[i] is the help of the i-th token in grammar order; missing or empty entries fall back.
Result<Grammar> compile_grammar(std::string_view text, const std::vector<std::string_view>& helps,
                                const HelpFallback& fallback);

}  // namespace gw::cli
