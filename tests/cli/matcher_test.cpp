#include "cli/matcher.hpp"

#include <gtest/gtest.h>

namespace gw::cli {
namespace {

struct Fixture : ::testing::Test {
  std::vector<CompiledCommand> cmds;
  std::string last;
  void add(std::string grammar) {
    auto g = compile_grammar(grammar, {}, {});
    ASSERT_TRUE(g.ok()) << grammar;
    cmds.push_back({*g,
                    [this, grammar](const Args&) {
                      last = grammar;
                      return Outcome::ok();
                    },
                    grammar});
  }
  MatchResult match(const std::string& line) {
    words = tokenize(line);
    line_ = line;
    return match_line(cmds, words, line_);
  }
  std::vector<Word> words;
  std::string line_;
};

struct MatcherTest : Fixture {
  void SetUp() override {
    add("keepalive target SIP-SERVER$server [tcp [tls] | udp] [secondary]");
    add("keepalive trigger <1-10>$count");
    add("no keepalive target [secondary]");
    add("timers keepalive active <10-600>$active down <1-120>$down");
    add("description LINE$text");
    add("default keepalive trigger");
  }
};

TEST_F(MatcherTest, UniquePrefixesAbbreviateKeywords) {
  auto r = match("keep tar ipv4:10.0.0.1 tc tl sec");
  ASSERT_EQ(r.kind, MatchResult::Kind::complete);
  EXPECT_EQ(r.command->source, cmds[0].source);
  EXPECT_TRUE(r.args.has("tls"));
  EXPECT_TRUE(r.args.has("secondary"));
  EXPECT_EQ(r.args.get("server"), "ipv4:10.0.0.1");
}

TEST_F(MatcherTest, KeywordsAreCaseInsensitive) {
  EXPECT_EQ(match("KEEPALIVE Trigger 5").kind, MatchResult::Kind::complete);
}

TEST_F(MatcherTest, TwoKeywordsSharingAPrefixAreAmbiguous) {
  auto r = match("keepalive t");
  EXPECT_EQ(r.kind, MatchResult::Kind::ambiguous);
  EXPECT_EQ(r.word_index, 1u);
  auto d = match("de");  // description / default
  EXPECT_EQ(d.kind, MatchResult::Kind::ambiguous);
}

TEST_F(MatcherTest, OutOfRangeValueIsInvalidAtThatWord) {
  auto r = match("keepalive trigger 11");
  EXPECT_EQ(r.kind, MatchResult::Kind::invalid);
  EXPECT_EQ(r.word_index, 2u);
  EXPECT_EQ(words[r.word_index].column, 18u);
}

TEST_F(MatcherTest, TlsWithoutTcpIsInvalid) {
  auto r = match("keepalive target ipv4:10.0.0.1 tls");
  EXPECT_EQ(r.kind, MatchResult::Kind::invalid);
  EXPECT_EQ(r.word_index, 3u);
}

TEST_F(MatcherTest, MissingWordsAreIncomplete) {
  EXPECT_EQ(match("keepalive trigger").kind, MatchResult::Kind::incomplete);
  EXPECT_EQ(match("timers keepalive active 60").kind, MatchResult::Kind::incomplete);
}

TEST_F(MatcherTest, ExtraWordsAreInvalid) {
  auto r = match("keepalive trigger 5 6");
  EXPECT_EQ(r.kind, MatchResult::Kind::invalid);
  EXPECT_EQ(r.word_index, 3u);
}

TEST_F(MatcherTest, LineTakesTheRestVerbatim) {
  auto r = match("description  Primary   CUCM  trunk  ");
  ASSERT_EQ(r.kind, MatchResult::Kind::complete);
  EXPECT_EQ(r.args.get("text"), "Primary   CUCM  trunk");
}

TEST_F(MatcherTest, HelpListsWhatMayFollowWithCrLast) {
  words = tokenize("keepalive target ipv4:1.2.3.4 tcp");
  auto h = help_for(cmds, words, nullptr);
  ASSERT_EQ(h.items.size(), 3u);
  EXPECT_EQ(h.items[0].label, "secondary");
  EXPECT_EQ(h.items[1].label, "tls");
  EXPECT_EQ(h.items[2].label, "<cr>");
}

TEST_F(MatcherTest, PartialHelpCompletesKeywords) {
  words = tokenize("keepalive");
  std::string partial = "t";
  auto h = help_for(cmds, words, &partial);
  ASSERT_EQ(h.items.size(), 2u);
  EXPECT_EQ(h.items[0].label, "target");
  EXPECT_EQ(h.items[1].label, "trigger");
}

struct PrecedenceTest : Fixture {
  void SetUp() override {
    add("sccp ccm {A.B.C.D$address|HOSTNAME$address} identifier <1-65535>$id version VERSION$v");
    add("sccp ccm group <1-50>$group");
  }
};

TEST_F(PrecedenceTest, KeywordBeatsHostname) {
  auto r = match("sccp ccm group 1");
  ASSERT_EQ(r.kind, MatchResult::Kind::complete);
  EXPECT_EQ(r.command->source, cmds[1].source);
  auto p = match("sccp ccm gr 1");
  ASSERT_EQ(p.kind, MatchResult::Kind::complete);
  EXPECT_EQ(p.command->source, cmds[1].source);
}

TEST_F(PrecedenceTest, AddressesAndNamesBothWork) {
  EXPECT_EQ(match("sccp ccm 10.0.0.1 identifier 1 version 7.0").kind, MatchResult::Kind::complete);
  EXPECT_EQ(match("sccp ccm cucm1.example.com identifier 1 version 7.0").kind,
            MatchResult::Kind::complete);
  auto bad = match("sccp ccm 10.0.0.300 identifier 1 version 7.0");
  EXPECT_EQ(bad.kind, MatchResult::Kind::invalid);
  EXPECT_EQ(bad.word_index, 2u);
}

}  // namespace
}  // namespace gw::cli
