// --More-- paging of a command's output on an interactive terminal (`terminal length N`).
// IOS shows N-1 rows, then ` --More-- ` on the last row: space shows the next N-1 rows, Enter
// one more row, any other key (q, Ctrl-C) ends the output. A line longer than the terminal
// width counts as the rows it wraps to. Length 0 shows everything at once (no paging); the
// front end never pages when the output is not a terminal.
// Contract: pure; the views returned point into the text given to the constructor, which
// must outlive the pager. Never throws.
#pragma once
#include <cstddef>
#include <string_view>

namespace gw::cli {

class Pager {
 public:
  enum class Key { space, enter, stop };

  Pager(std::string_view text, unsigned length, unsigned width);

  std::string_view first();        // the first page (everything when no paging is needed)
  std::string_view next(Key key);  // after --More--: the next page, one row, or nothing
  bool done() const { return pos_ >= text_.size(); }

  static inline constexpr std::string_view kPrompt = " --More-- ";

 private:
  std::string_view take_rows(std::size_t rows);
  std::size_t rows_of(std::string_view line) const;

  std::string_view text_;
  std::size_t pos_ = 0;
  unsigned length_;
  unsigned width_;
};

}  // namespace gw::cli
