#include "cli/pager.hpp"

namespace gw::cli {

Pager::Pager(std::string_view text, unsigned length, unsigned width)
    : text_(text), length_(length), width_(width) {}

std::size_t Pager::rows_of(std::string_view line) const {
  if (width_ == 0 || line.size() <= width_) return 1;
  return (line.size() + width_ - 1) / width_;
}

std::string_view Pager::take_rows(std::size_t rows) {
  const std::size_t start = pos_;
  std::size_t used = 0;
  while (pos_ < text_.size()) {
    auto nl = text_.find('\n', pos_);
    const std::size_t end = nl == std::string_view::npos ? text_.size() : nl + 1;
    const std::size_t r =
        rows_of(text_.substr(pos_, end - pos_ - (nl == std::string_view::npos ? 0 : 1)));
    // A line always fits on an empty page, even when it wraps past the page.
    if (used > 0 && used + r > rows) break;
    used += r;
    pos_ = end;
    if (used >= rows) break;
  }
  return text_.substr(start, pos_ - start);
}

std::string_view Pager::first() {
  if (length_ == 0) {
    pos_ = text_.size();
    return text_;
  }
  return take_rows(length_ > 1 ? length_ - 1 : 1);
}

std::string_view Pager::next(Key key) {
  switch (key) {
    case Key::space:
      return take_rows(length_ > 1 ? length_ - 1 : 1);
    case Key::enter:
      return take_rows(1);
    case Key::stop:
      pos_ = text_.size();
      return {};
  }
  return {};
}

}  // namespace gw::cli
