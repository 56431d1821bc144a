#include "cli/output_filter.hpp"

#include <gtest/gtest.h>

#include "cli/ios_regex.hpp"
#include "cli/output_modifiers.hpp"

namespace gw::cli {
namespace {

IosRegex re(std::string_view p) {
  auto r = IosRegex::compile(p);
  EXPECT_TRUE(r.ok()) << p;
  return std::move(*r);
}

std::string run(ModifierKind kind, std::optional<std::string_view> pattern, std::string_view text) {
  std::optional<IosRegex> r;
  if (pattern) r = re(*pattern);
  OutputFilter f(kind, std::move(r));
  f.feed(text);
  return f.finish();
}

TEST(IosRegexTest, PlainTextIsSearchedAnywhere) {
  EXPECT_TRUE(re("busyout").search("200 voip up down ipv4:1.2.3.4 udp busyout"));
  EXPECT_FALSE(re("busyout").search("100 voip up up ipv4:1.2.3.4 udp active"));
}

TEST(IosRegexTest, AnchorsDotStarAndAlternation) {
  EXPECT_TRUE(re("^sip-ua").search("sip-ua"));
  EXPECT_FALSE(re("^sip-ua").search(" sip-ua"));
  EXPECT_TRUE(re("trigger [0-9]+$").search(" keepalive trigger 12"));
  EXPECT_TRUE(re("hostname|sip-ua").search("hostname gw1"));
  EXPECT_TRUE(re("a.c").search("xabcx"));
  EXPECT_TRUE(re("ab*c").search("ac"));
}

TEST(IosRegexTest, UnderscoreMatchesADelimiterOrTheLineEnds) {
  EXPECT_TRUE(re("_100_").search("dial-peer voice 100 voip"));
  EXPECT_FALSE(re("_100_").search("dial-peer voice 1000 voip"));
  EXPECT_TRUE(re("_100_").search("100"));
  EXPECT_TRUE(re("_100_").search("(100,200)"));
  EXPECT_EQ(ios_regex_to_posix("[_]"), "[_]");  // literal inside brackets
}

TEST(IosRegexTest, CaseMatters) {
  EXPECT_FALSE(re("Busyout").search("busyout"));
}

TEST(IosRegexTest, BadPatternIsAnErrorNotACrash) {
  auto r = IosRegex::compile("[abc");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "% Invalid regular expression: [abc");
  EXPECT_FALSE(IosRegex::compile("(a").ok());
}

TEST(IosRegexTest, NulEndsTheSearchedText) {
  std::string line("abc\0busyout", 11);
  EXPECT_FALSE(re("b.syout").search(line));
}

TEST(OutputFilterTest, IncludeKeepsMatchingLines) {
  EXPECT_EQ(run(ModifierKind::include, "bus", "a\nbusy 1\nb\nbusy 2\n"), "busy 1\nbusy 2\n");
}

TEST(OutputFilterTest, ExcludeDropsMatchingLines) {
  EXPECT_EQ(run(ModifierKind::exclude, "^!", "!\nsip-ua\n!\nend\n"), "sip-ua\nend\n");
}

TEST(OutputFilterTest, BeginStartsAtTheFirstMatch) {
  EXPECT_EQ(run(ModifierKind::begin, "sip", "a\nsip-ua\n x\nsip 2\n"), "sip-ua\n x\nsip 2\n");
}

TEST(OutputFilterTest, CountSaysHowManyLinesMatch) {
  EXPECT_EQ(run(ModifierKind::count, "up", "up\ndown\nup\n"),
            "Number of lines which match regexp = 2\n");
  EXPECT_EQ(run(ModifierKind::count, std::nullopt, "a\nb\n"),
            "Number of lines which match regexp = 2\n");
}

TEST(OutputFilterTest, SectionKeepsAMatchingHeaderWithItsChildren) {
  const std::string text =
      "hostname gw\n!\nsip-ua\n keepalive target ipv4:1.2.3.4\n keepalive trigger 2\n!\n"
      "sccp\n sccp ccm 1.1.1.1 identifier 1\n!\nend\n";
  EXPECT_EQ(run(ModifierKind::section, "sip-ua", text),
            "sip-ua\n keepalive target ipv4:1.2.3.4\n keepalive trigger 2\n");
  // A matching child comes with its header only.
  EXPECT_EQ(run(ModifierKind::section, "trigger", text), "sip-ua\n keepalive trigger 2\n");
}

TEST(OutputFilterTest, LinesSplitAcrossChunksAreWhole) {
  OutputFilter f(ModifierKind::include, re("busyout"));
  f.feed("100 act");
  f.feed("ive\n200 busy");
  f.feed("out\n300 bus");
  f.feed("yout");  // no final newline
  EXPECT_EQ(f.finish(), "200 busyout\n300 busyout\n");
  EXPECT_EQ(f.lines_seen(), 3u);
}

TEST(OutputModifiersTest, AbbreviationsNameTheModifier) {
  auto words = tokenize("i busy");
  auto parsed = parse_output_modifier(words, "i busy");
  ASSERT_TRUE(std::holds_alternative<OutputFilter>(parsed));
  std::get<OutputFilter>(parsed).feed("busy\nidle\n");
  EXPECT_EQ(std::get<OutputFilter>(parsed).finish(), "busy\n");
}

TEST(OutputModifiersTest, MissingRegexIsIncompleteAndUnknownIsInvalid) {
  auto w1 = tokenize("include");
  EXPECT_EQ(std::get<ModifierError>(parse_output_modifier(w1, "include")).kind,
            MatchResult::Kind::incomplete);
  auto w2 = tokenize("grep x");
  auto e2 = std::get<ModifierError>(parse_output_modifier(w2, "grep x"));
  EXPECT_EQ(e2.kind, MatchResult::Kind::invalid);
  EXPECT_EQ(e2.word_index, 0u);
}

}  // namespace
}  // namespace gw::cli
