// Reads lines from a file descriptor or a string with a hard bound on line length, so a file
// of arbitrary bytes cannot make us hold more than kMaxLineBytes + one read block.
// Lines end at LF; a trailing CR is kept (the tokenizer drops it). A longer line is returned
// truncated to the bound with `too_long` set, and the rest of it is discarded.
#pragma once
#include <string>
#include <string_view>

#include "cli/line_limits.hpp"

namespace gw::config {

class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  explicit LineReader(std::string_view text) : text_(text), from_text_(true) {}

  // Next line into `line`; false at end of input. `too_long` tells whether it was cut.
  bool next(std::string& line, bool& too_long);
  bool read_error() const { return read_error_; }

 private:
  bool fill();

  int fd_ = -1;
  std::string_view text_;
  bool from_text_ = false;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool read_error_ = false;
};

}  // namespace gw::config
