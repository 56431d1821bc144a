// Splits input into lines with a hard bound on line length, so input of arbitrary bytes cannot
// make us hold more than kMaxLineBytes + one block of kBlockBytes.
// Lines end at LF; a trailing CR is kept (the tokenizer drops it). A longer line is returned
// truncated to the bound with `too_long` set, and the rest of it is discarded.
// The input is a string or a BlockSource the caller supplies (ops/fd_source.hpp reads a file
// descriptor): this layer reads no file itself.
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "cli/line_limits.hpp"

namespace gw::config {

// Where a LineReader's bytes come from, one block at a time.
class BlockSource {
 public:
  virtual ~BlockSource() = default;
  // Fills the front of `into` with the next bytes of input and returns how many: 0 at end of
  // input, nullopt on a read error. Not called again after either.
  virtual std::optional<std::size_t> read(std::span<char> into) = 0;
};

class LineReader {
 public:
  // The most bytes asked of a BlockSource at once: a Linux pipe's default buffer, and no more
  // than the line bound, so a reader holds at most twice the bound.
  static constexpr std::size_t kBlockBytes = 64 * 1024;

  // `source` must outlive the reader.
  explicit LineReader(BlockSource& source) : source_(&source) {}
  // `text` must outlive the reader.
  explicit LineReader(std::string_view text) : text_(text) {}

  // Next line into `line`; false at end of input. `too_long` tells whether it was cut.
  bool next(std::string& line, bool& too_long);
  // The source reported an error: the input ended early.
  bool read_error() const { return read_error_; }

 private:
  bool fill();

  BlockSource* source_ = nullptr;  // null: the input is text_
  std::string_view text_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool read_error_ = false;
};

}  // namespace gw::config
