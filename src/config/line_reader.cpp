#include "config/line_reader.hpp"

#include <algorithm>
#include <array>

namespace gw::config {

bool LineReader::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  if (!source_) {
    buf_.append(text_);
    text_ = {};
    eof_ = true;
    return true;
  }
  std::array<char, kBlockBytes> block;
  const auto n = source_->read(block);
  if (!n) read_error_ = true;
  if (!n || *n == 0) {
    eof_ = true;
    return false;
  }
  buf_.append(block.data(), std::min(*n, block.size()));
  return true;
}

bool LineReader::next(std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  while (true) {
    auto nl = buf_.find('\n', pos_);
    if (nl != std::string::npos) {
      std::size_t len = nl - pos_;
      if (!too_long) line.assign(buf_, pos_, std::min(len, cli::kMaxLineBytes + 1));
      if (len > cli::kMaxLineBytes) too_long = true;
      pos_ = nl + 1;
      if (too_long) line.resize(std::min(line.size(), cli::kMaxLineBytes));
      return true;
    }
    // No newline buffered: keep at most the bound of the current line.
    if (buf_.size() - pos_ > cli::kMaxLineBytes) {
      if (!too_long) line.assign(buf_, pos_, cli::kMaxLineBytes);
      too_long = true;
      pos_ = buf_.size();
    }
    if (!fill()) {
      if (pos_ < buf_.size() && !too_long) {
        line.assign(buf_, pos_, std::string::npos);
        pos_ = buf_.size();
        return true;
      }
      pos_ = buf_.size();
      return too_long;
    }
  }
}

}  // namespace gw::config
