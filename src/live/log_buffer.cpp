#include "live/log_buffer.hpp"

#include <fmt/format.h>

namespace gw::daemon {

void LogBuffer::set_capacity(std::size_t capacity) {
  capacity_ = capacity;
  trim();
}

void LogBuffer::add(std::string_view line) {
  ++logged_;
  if (capacity_ == 0) return;
  if (line.size() + 1 > capacity_) line = line.substr(0, capacity_ - 1);
  lines_.emplace_back(line);
  bytes_ += line.size() + 1;
  trim();
}

void LogBuffer::trim() {
  while (bytes_ > capacity_ && !lines_.empty()) {
    bytes_ -= lines_.front().size() + 1;
    lines_.pop_front();
    ++evicted_;
  }
}

void LogBuffer::clear() {
  lines_.clear();
  bytes_ = 0;
}

std::string LogBuffer::render() const {
  std::string out;
  if (capacity_ == 0)
    out = "Buffer logging:  disabled\n";
  else
    out = fmt::format("Buffer logging:  {} messages logged, {} overwritten\n", logged_, evicted_);
  out += fmt::format("\nLog Buffer ({} bytes):\n\n", capacity_);
  for (const auto& l : lines_) {
    out += l;
    out += '\n';
  }
  return out;
}

}  // namespace gw::daemon
