#include "cli/pager.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::cli {
namespace {

std::string lines(int from, int to) {
  std::string s;
  for (int i = from; i <= to; ++i) s += std::to_string(i) + "\n";
  return s;
}

TEST(PagerTest, FirstPageLeavesTheLastRowForMore) {
  const std::string text = lines(1, 10);
  Pager p(text, 4, 80);
  EXPECT_EQ(p.first(), lines(1, 3));
  EXPECT_FALSE(p.done());
}

TEST(PagerTest, SpaceShowsAPageEnterOneLine) {
  const std::string text = lines(1, 10);
  Pager p(text, 4, 80);
  p.first();
  EXPECT_EQ(p.next(Pager::Key::space), lines(4, 6));
  EXPECT_EQ(p.next(Pager::Key::enter), lines(7, 7));
  EXPECT_EQ(p.next(Pager::Key::space), lines(8, 10));
  EXPECT_TRUE(p.done());
}

TEST(PagerTest, StopEndsTheOutput) {
  const std::string text = lines(1, 10);
  Pager p(text, 4, 80);
  p.first();
  EXPECT_EQ(p.next(Pager::Key::stop), "");
  EXPECT_TRUE(p.done());
}

TEST(PagerTest, LengthZeroShowsEverything) {
  const std::string text = lines(1, 100);
  Pager p(text, 0, 80);
  EXPECT_EQ(p.first(), text);
  EXPECT_TRUE(p.done());
}

TEST(PagerTest, ShortOutputNeedsNoMore) {
  const std::string text = lines(1, 3);
  Pager p(text, 24, 80);
  EXPECT_EQ(p.first(), text);
  EXPECT_TRUE(p.done());
}

TEST(PagerTest, WrappedLinesCountAsTheirRows) {
  const std::string text = std::string(25, 'x') + "\n" + lines(1, 5);  // 3 rows at width 10
  Pager p(text, 5, 10);
  EXPECT_EQ(p.first(), std::string(25, 'x') + "\n1\n");
}

TEST(PagerTest, ALastLineWithoutNewlineIsShown) {
  const std::string text = "a\nb\nc";
  Pager p(text, 3, 80);
  EXPECT_EQ(p.first(), "a\nb\n");
  EXPECT_EQ(p.next(Pager::Key::enter), "c");
  EXPECT_TRUE(p.done());
}

}  // namespace
}  // namespace gw::cli
