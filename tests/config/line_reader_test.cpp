// LineReader: line splitting, the line-length bound and read errors, over text and over a
// fake BlockSource that hands out its input in blocks of a chosen size.
#include "config/line_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace gw::config {
namespace {

// Hands out `text` at most `block` bytes per read, then end of input (or an error).
class FakeSource final : public BlockSource {
 public:
  FakeSource(std::string text, std::size_t block, bool fail_at_end = false)
      : text_(std::move(text)), block_(block), fail_at_end_(fail_at_end) {}

  std::optional<std::size_t> read(std::span<char> into) override {
    ++reads;
    if (pos_ == text_.size()) {
      if (fail_at_end_) return std::nullopt;
      return 0;
    }
    const std::size_t n = std::min({block_, into.size(), text_.size() - pos_});
    std::memcpy(into.data(), text_.data() + pos_, n);
    pos_ += n;
    return n;
  }

  int reads = 0;

 private:
  std::string text_;
  std::size_t pos_ = 0;
  std::size_t block_;
  bool fail_at_end_;
};

struct Line {
  std::string text;
  bool too_long;
  bool operator==(const Line&) const = default;
};

std::vector<Line> all_lines(LineReader& reader) {
  std::vector<Line> out;
  std::string line;
  bool too_long = false;
  while (reader.next(line, too_long)) out.push_back({line, too_long});
  return out;
}

TEST(LineReader, TextSplitsAtLfAndKeepsCr) {
  LineReader reader(std::string_view("hostname a\r\n\nend"));
  EXPECT_EQ(all_lines(reader),
            (std::vector<Line>{{"hostname a\r", false}, {"", false}, {"end", false}}));
  EXPECT_FALSE(reader.read_error());
}

TEST(LineReader, EmptyInputHasNoLines) {
  LineReader reader(std::string_view(""));
  EXPECT_TRUE(all_lines(reader).empty());
}

TEST(LineReader, LinesSplitAcrossBlocksAreJoined) {
  FakeSource source("sip-ua\n keepalive trigger 8\nend\n", 3);
  LineReader reader(source);
  EXPECT_EQ(
      all_lines(reader),
      (std::vector<Line>{{"sip-ua", false}, {" keepalive trigger 8", false}, {"end", false}}));
  EXPECT_FALSE(reader.read_error());
}

TEST(LineReader, LineAtTheBoundIsWhole) {
  const std::string at_bound(cli::kMaxLineBytes, 'a');
  FakeSource source(at_bound + "\nnext\n", 1000);
  LineReader reader(source);
  EXPECT_EQ(all_lines(reader), (std::vector<Line>{{at_bound, false}, {"next", false}}));
}

TEST(LineReader, LongerLineIsCutAndItsRestDiscarded) {
  const std::string longer(3 * cli::kMaxLineBytes, 'b');
  FakeSource source("first\n" + longer + "\nlast\n", LineReader::kBlockBytes);
  LineReader reader(source);
  const auto lines = all_lines(reader);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], (Line{"first", false}));
  EXPECT_EQ(lines[1], (Line{std::string(cli::kMaxLineBytes, 'b'), true}));
  EXPECT_EQ(lines[2], (Line{"last", false}));
}

TEST(LineReader, LongerLastLineWithoutLfIsCut) {
  const std::string text(cli::kMaxLineBytes + 1, 'c');  // the reader holds a view of it
  LineReader reader{std::string_view(text)};
  const auto lines = all_lines(reader);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].too_long);
  EXPECT_EQ(lines[0].text.size(), cli::kMaxLineBytes);
}

TEST(LineReader, ReadErrorEndsInputAndIsReported) {
  FakeSource source("hostname a\nhalf", 4, /*fail_at_end=*/true);
  LineReader reader(source);
  EXPECT_EQ(all_lines(reader), (std::vector<Line>{{"hostname a", false}, {"half", false}}));
  EXPECT_TRUE(reader.read_error());
}

TEST(LineReader, SourceIsNotAskedAgainAfterEndOfInput) {
  FakeSource source("a\n", 100);
  LineReader reader(source);
  all_lines(reader);
  std::string line;
  bool too_long = false;
  EXPECT_FALSE(reader.next(line, too_long));
  EXPECT_EQ(source.reads, 2);
}

}  // namespace
}  // namespace gw::config
