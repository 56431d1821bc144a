#include "cli/matcher.hpp"

#include <algorithm>
#include <cctype>

namespace gw::cli {
namespace {

// Match strengths, best first (see the rules in matcher.hpp).
constexpr int kExactKeyword = 4;
constexpr int kTyped = 3;
constexpr int kKeywordPrefix = 2;
constexpr int kLoose = 1;

int keyword_strength(const std::string& keyword, std::string_view word) {
  if (word.size() > keyword.size()) return 0;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(word[i])) != keyword[i]) return 0;
  return word.size() == keyword.size() ? kExactKeyword : kKeywordPrefix;
}

int strength(const Node& n, std::string_view word) {
  if (n.kind == TokenKind::keyword) return keyword_strength(n.keyword, word);
  if (!matches(n.kind, word, n.lo, n.hi)) return 0;
  switch (n.kind) {
    case TokenKind::host:
    case TokenKind::word:
    case TokenKind::line:
      return kLoose;
    default:
      return kTyped;
  }
}

struct Position {
  std::uint16_t cmd;
  std::int32_t node;    // -1: before the first word
  std::int32_t parent;  // index in the previous layer, -1 for the first layer
};

// The nodes that may come after a position.
template <class F>
void for_each_next(const std::vector<CompiledCommand>& cmds, const Position& p, F&& f) {
  const Grammar& g = cmds[p.cmd].grammar;
  if (p.node < 0) {
    for (auto n : g.first) f(n);
    return;
  }
  const Node& cur = g.nodes[p.node];
  if (cur.kind == TokenKind::line) {
    f(static_cast<std::uint16_t>(p.node));
    return;
  }
  for (auto n : cur.follow) f(n);
}

struct Walk {
  std::vector<std::vector<Position>> layers;
  MatchResult::Kind kind = MatchResult::Kind::complete;
  std::size_t failed_word = 0;
};

Walk walk(const std::vector<CompiledCommand>& cmds, std::span<const Word> words) {
  Walk w;
  w.layers.reserve(words.size() + 1);
  std::vector<Position> start;
  start.reserve(cmds.size());
  for (std::size_t c = 0; c < cmds.size(); ++c)
    start.push_back({static_cast<std::uint16_t>(c), -1, -1});
  w.layers.push_back(std::move(start));
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& layer = w.layers.back();
    std::vector<Position> next;
    int best = 0;
    for (std::size_t pi = 0; pi < layer.size(); ++pi) {
      for_each_next(cmds, layer[pi], [&](std::uint16_t n) {
        int s = strength(cmds[layer[pi].cmd].grammar.nodes[n], words[i].text);
        if (s == 0 || s < best) return;
        if (s > best) {
          best = s;
          next.clear();
        }
        for (const auto& q : next)
          if (q.cmd == layer[pi].cmd && q.node == n) return;
        next.push_back({layer[pi].cmd, n, static_cast<std::int32_t>(pi)});
      });
    }
    if (next.empty()) {
      w.kind = MatchResult::Kind::invalid;
      w.failed_word = i;
      return w;
    }
    if (best == kKeywordPrefix) {
      const std::string& first = cmds[next[0].cmd].grammar.nodes[next[0].node].keyword;
      for (const auto& q : next)
        if (cmds[q.cmd].grammar.nodes[q.node].keyword != first) {
          w.kind = MatchResult::Kind::ambiguous;
          w.failed_word = i;
          return w;
        }
    }
    w.layers.push_back(std::move(next));
  }
  return w;
}

}  // namespace

MatchResult match_line(const std::vector<CompiledCommand>& cmds, std::span<const Word> words,
                       std::string_view line) {
  MatchResult r;
  if (words.empty()) return r;
  Walk w = walk(cmds, words);
  if (w.kind != MatchResult::Kind::complete) {
    r.kind = w.kind;
    r.word_index = w.failed_word;
    return r;
  }
  const auto& last = w.layers.back();
  const Position* chosen = nullptr;
  for (const auto& p : last)
    if (cmds[p.cmd].grammar.nodes[p.node].can_end && (!chosen || p.cmd < chosen->cmd)) chosen = &p;
  if (!chosen) {
    r.kind = MatchResult::Kind::incomplete;
    r.word_index = words.size();
    return r;
  }
  r.kind = MatchResult::Kind::complete;
  r.command = &cmds[chosen->cmd];
  // Walk back through the layers to bind the arguments, first word first.
  std::vector<std::int32_t> nodes(words.size());
  const Position* p = chosen;
  for (std::size_t i = words.size(); i-- > 0;) {
    nodes[i] = p->node;
    if (p->parent >= 0) p = &w.layers[i][p->parent];
  }
  const Grammar& g = r.command->grammar;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Node& n = g.nodes[nodes[i]];
    if (n.kind == TokenKind::keyword) {
      r.args.add(n.name, n.keyword, words[i].column);
    } else if (n.kind == TokenKind::line) {
      r.args.add(n.name, std::string(trim_right(line.substr(words[i].column))), words[i].column);
      break;
    } else {
      r.args.add(n.name, std::string(words[i].text), words[i].column);
    }
  }
  return r;
}

HelpResult help_for(const std::vector<CompiledCommand>& cmds, std::span<const Word> words,
                    const std::string* partial) {
  HelpResult h;
  Walk w = walk(cmds, words);
  if (w.kind != MatchResult::Kind::complete) {
    h.kind = w.kind;
    h.word_index = w.failed_word;
    return h;
  }
  std::vector<HelpItem> keywords, typed;
  bool can_end = false;
  auto add = [](std::vector<HelpItem>& to, const Node& n) {
    for (const auto& it : to)
      if (it.label == n.label) return;
    to.push_back({n.label, n.help});
  };
  for (const auto& p : w.layers.back()) {
    const Grammar& g = cmds[p.cmd].grammar;
    if (p.node >= 0 && g.nodes[p.node].can_end) can_end = true;
    for_each_next(cmds, p, [&](std::uint16_t n) {
      const Node& node = g.nodes[n];
      if (partial) {
        if (node.kind == TokenKind::keyword ? keyword_strength(node.keyword, *partial) > 0
                                            : matches(node.kind, *partial, node.lo, node.hi))
          add(node.kind == TokenKind::keyword ? keywords : typed, node);
      } else {
        add(node.kind == TokenKind::keyword ? keywords : typed, node);
      }
    });
  }
  std::sort(keywords.begin(), keywords.end(),
            [](const HelpItem& a, const HelpItem& b) { return a.label < b.label; });
  h.items = std::move(typed);
  h.items.insert(h.items.end(), keywords.begin(), keywords.end());
  if (can_end && !partial) h.items.push_back({"<cr>", ""});
  return h;
}

}  // namespace gw::cli
