#include "cli/grammar.hpp"

#include <algorithm>
#include <cctype>

namespace gw::cli {
namespace {

struct Fragment {
  std::vector<std::uint16_t> first, last;
  bool nullable = false;
};

void add_unique(std::vector<std::uint16_t>& to, const std::vector<std::uint16_t>& from) {
  for (auto x : from)
    if (std::find(to.begin(), to.end(), x) == to.end()) to.push_back(x);
}

class Compiler {
 public:
  Compiler(std::string_view text, const std::vector<std::string_view>& helps,
           const HelpFallback& fallback)
      : text_(text), helps_(helps), fallback_(fallback) {}

  Result<Grammar> run() {
    Fragment f = alternatives();
    if (!error_.empty()) return fail("grammar", error_ + " in \"" + std::string(text_) + "\"");
    skip_blanks();
    if (pos_ != text_.size())
      return fail("grammar", "unbalanced bracket in \"" + std::string(text_) + "\"");
    if (f.nullable || f.first.empty())
      return fail("grammar", "empty command \"" + std::string(text_) + "\"");
    for (auto x : f.last) g_.nodes[x].can_end = true;
    for (std::size_t i = 0; i < g_.nodes.size(); ++i)
      if (g_.nodes[i].kind == TokenKind::line && !g_.nodes[i].follow.empty())
        return fail("grammar", "LINE must be last in \"" + std::string(text_) + "\"");
    g_.first = f.first;
    return std::move(g_);
  }

 private:
  void skip_blanks() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }

  Fragment alternatives() {
    Fragment result = sequence();
    skip_blanks();
    while (pos_ < text_.size() && text_[pos_] == '|') {
      ++pos_;
      Fragment other = sequence();
      add_unique(result.first, other.first);
      add_unique(result.last, other.last);
      result.nullable = result.nullable || other.nullable;
      skip_blanks();
    }
    return result;
  }

  Fragment sequence() {
    Fragment seq;
    seq.nullable = true;
    while (true) {
      skip_blanks();
      if (pos_ >= text_.size() || text_[pos_] == '|' || text_[pos_] == ']' || text_[pos_] == '}')
        break;
      Fragment item = element();
      if (!error_.empty()) return seq;
      for (auto x : seq.last) add_unique(g_.nodes[x].follow, item.first);
      if (seq.nullable) add_unique(seq.first, item.first);
      if (item.nullable)
        add_unique(seq.last, item.last);
      else
        seq.last = item.last;
      seq.nullable = seq.nullable && item.nullable;
    }
    return seq;
  }

  Fragment element() {
    char open = text_[pos_];
    if (open == '[' || open == '{') {
      ++pos_;
      Fragment inner = alternatives();
      skip_blanks();
      char close = open == '[' ? ']' : '}';
      if (pos_ >= text_.size() || text_[pos_] != close) {
        error_ = "missing '" + std::string(1, close) + "'";
        return inner;
      }
      ++pos_;
      if (open == '[') inner.nullable = true;
      return inner;
    }
    std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ' ' && text_[pos_] != '|' && text_[pos_] != ']' &&
           text_[pos_] != '}' && text_[pos_] != '[' && text_[pos_] != '{')
      ++pos_;
    return atom(text_.substr(start, pos_ - start));
  }

  Fragment atom(std::string_view word) {
    Node n;
    auto dollar = word.find('$');
    std::string_view spec = word.substr(0, dollar);
    if (dollar != std::string_view::npos) n.name = std::string(word.substr(dollar + 1));
    n.label = std::string(spec);
    if (spec.size() > 2 && spec.front() == '<' && spec.back() == '>') {
      auto dash = spec.find('-');
      auto lo = parse_number(spec.substr(1, dash - 1));
      auto hi = dash == std::string_view::npos
                    ? std::nullopt
                    : parse_number(spec.substr(dash + 1, spec.size() - dash - 2));
      if (!lo || !hi || *lo > *hi) {
        error_ = "bad range " + std::string(spec);
        return {};
      }
      n.kind = TokenKind::range;
      n.lo = *lo;
      n.hi = *hi;
    } else if (spec == "A.B.C.D")
      n.kind = TokenKind::ipv4;
    else if (spec == "X:X::X:X")
      n.kind = TokenKind::ipv6;
    else if (spec == "HOSTNAME")
      n.kind = TokenKind::host;
    else if (spec == "WORD")
      n.kind = TokenKind::word;
    else if (spec == "LINE")
      n.kind = TokenKind::line;
    else if (spec == "SIP-SERVER")
      n.kind = TokenKind::sip_server;
    else if (spec == "IFNAME")
      n.kind = TokenKind::ifname;
    else if (spec == "SLOT/PORT")
      n.kind = TokenKind::voice_port;
    else if (spec == "VERSION")
      n.kind = TokenKind::version;
    else if (spec == "DEVICE-NAME")
      n.kind = TokenKind::device_name;
    else {
      for (char c : spec)
        if (std::isupper(static_cast<unsigned char>(c)) || c == '<' || c == '>') {
          error_ = "unknown token " + std::string(spec);
          return {};
        }
      n.kind = TokenKind::keyword;
      n.keyword = std::string(spec);
      if (n.name.empty()) n.name = n.keyword;
    }
    if (n.kind != TokenKind::keyword && n.name.empty()) {
      error_ = "typed token " + std::string(spec) + " needs a $name";
      return {};
    }
    std::string_view help =
        token_index_ < helps_.size() ? helps_[token_index_] : std::string_view{};
    ++token_index_;
    n.help = !help.empty()
                 ? std::string(help)
                 : (n.kind == TokenKind::keyword && fallback_ ? fallback_(n.keyword) : "");
    if (g_.nodes.size() >= 0xffff) {
      error_ = "grammar too large";
      return {};
    }
    auto id = static_cast<std::uint16_t>(g_.nodes.size());
    g_.nodes.push_back(std::move(n));
    return Fragment{{id}, {id}, false};
  }

  std::string_view text_;
  const std::vector<std::string_view>& helps_;
  const HelpFallback& fallback_;
  std::size_t pos_ = 0;
  std::size_t token_index_ = 0;
  std::string error_;
  Grammar g_;
};

}  // namespace

Result<Grammar> compile_grammar(std::string_view text, const std::vector<std::string_view>& helps,
                                const HelpFallback& fallback) {
  return Compiler(text, helps, fallback).run();
}

}  // namespace gw::cli
