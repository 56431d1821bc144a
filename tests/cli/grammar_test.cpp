#include "cli/grammar.hpp"

#include <gtest/gtest.h>

namespace gw::cli {
namespace {

Grammar compile(std::string_view text) {
  auto g = compile_grammar(text, {}, {});
  EXPECT_TRUE(g.ok()) << text;
  return g.ok() ? *g : Grammar{};
}

TEST(Grammar, SequenceLinksEachTokenToTheNext) {
  Grammar g = compile("keepalive trigger <1-10>$count");
  ASSERT_EQ(g.nodes.size(), 3u);
  EXPECT_EQ(g.first, (std::vector<std::uint16_t>{0}));
  EXPECT_EQ(g.nodes[0].follow, (std::vector<std::uint16_t>{1}));
  EXPECT_EQ(g.nodes[2].kind, TokenKind::range);
  EXPECT_EQ(g.nodes[2].lo, 1);
  EXPECT_EQ(g.nodes[2].hi, 10);
  EXPECT_FALSE(g.nodes[1].can_end);
  EXPECT_TRUE(g.nodes[2].can_end);
}

TEST(Grammar, OptionalBranchesMayBeSkipped) {
  Grammar g = compile("keepalive target SIP-SERVER$s [tcp [tls] | udp] [secondary]");
  // nodes: keepalive target SIP tcp tls udp secondary
  ASSERT_EQ(g.nodes.size(), 7u);
  EXPECT_TRUE(g.nodes[2].can_end);
  EXPECT_TRUE(g.nodes[3].can_end);  // tcp
  EXPECT_TRUE(g.nodes[4].can_end);  // tls
  EXPECT_TRUE(g.nodes[5].can_end);  // udp
  auto& after_server = g.nodes[2].follow;
  EXPECT_EQ(after_server, (std::vector<std::uint16_t>{3, 5, 6}));
  EXPECT_EQ(g.nodes[3].follow, (std::vector<std::uint16_t>{4, 6}));
  EXPECT_EQ(g.nodes[5].follow, (std::vector<std::uint16_t>{6}));
}

TEST(Grammar, KeywordsBindTheirOwnNameAndTypedTokensNeedOne) {
  EXPECT_EQ(compile("switchover method {graceful$m|immediate$m}").nodes[2].name, "m");
  EXPECT_EQ(compile("shutdown").nodes[0].name, "shutdown");
  EXPECT_FALSE(compile_grammar("retry <1-10>", {}, {}).ok());
}

TEST(Grammar, MalformedGrammarsAreRejected) {
  for (const char* bad : {"a [b", "a {b|c", "a ]", "[a]", "a <5-1>$x", "a Foo", "LINE$x a", ""})
    EXPECT_FALSE(compile_grammar(bad, {}, {}).ok()) << bad;
}

TEST(Grammar, HelpComesFromTheCommandThenTheFallback) {
  auto g = compile_grammar("no keepalive trigger", {"", "", "Trigger count"},
                           [](std::string_view k) { return "fallback " + std::string(k); });
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->nodes[0].help, "fallback no");
  EXPECT_EQ(g->nodes[2].help, "Trigger count");
}

}  // namespace
}  // namespace gw::cli
