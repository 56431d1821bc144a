// Splits one console/config line into words the way IOS does: words are separated by spaces
// and tabs; each word keeps its 0-based byte column so errors can put the caret under it.
// Contract: never allocates more than the line; the views point into the caller's line,
// which must outlive the result. Lines longer than kMaxLineBytes are rejected by the caller
// (see line_limits.hpp) before they get here.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

namespace gw::cli {

struct Word {
  std::string_view text;
  std::size_t column = 0;  // 0-based byte offset in the line
};

// Words of the line. A trailing CR is not a word. A line whose first non-blank character is
// '!' is a comment and yields no words.
std::vector<Word> tokenize(std::string_view line);

// The line with its trailing CR and blanks removed.
std::string_view trim_right(std::string_view line);

bool is_blank(char c);

}  // namespace gw::cli
