// Framer: see framer.hpp for the contract.
#include "sccp/framer.hpp"

#include "sccp/messages.hpp"

namespace gw::sccp {
namespace {

std::uint32_t read_u32(const std::string& b, std::size_t off) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + off);
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace

Status<> Framer::feed(std::string_view bytes) {
  if (failed_) return Unexpected<Error>{*failed_};
  if (buffered() + bytes.size() > kMaxBuffered) {
    failed_ = Error{"sccp.buffer_overflow", "more than kMaxBuffered unconsumed bytes"};
    return Unexpected<Error>{*failed_};
  }
  if (pos_ > 0 && pos_ == buf_.size()) {
    buf_.clear();
    checked_ -= pos_;
    pos_ = 0;
  } else if (pos_ > kMaxBuffered / 2) {  // compact now and then, not on every pop
    buf_.erase(0, pos_);
    checked_ -= pos_;
    pos_ = 0;
  }
  buf_.append(bytes);
  return validate();
}

// Validates every header that is complete; checked_ always sits on a frame boundary.
Status<> Framer::validate() {
  while (checked_ + 4 <= buf_.size()) {
    const std::uint32_t len = read_u32(buf_, checked_);
    if (len < 4 || len > kMaxDataLength) {
      failed_ = Error{"sccp.bad_length", "data_length " + std::to_string(len) + " outside 4.." +
                                             std::to_string(kMaxDataLength)};
      return Unexpected<Error>{*failed_};
    }
    checked_ += static_cast<std::size_t>(len) + 8;
  }
  return Ok{};
}

std::optional<std::string> Framer::pop() {
  if (failed_ || buf_.size() - pos_ < kHeaderSize) return std::nullopt;
  const std::size_t size = static_cast<std::size_t>(read_u32(buf_, pos_)) + 8;
  if (buf_.size() - pos_ < size) return std::nullopt;
  std::string out = buf_.substr(pos_, size);
  pos_ += size;
  return out;
}

}  // namespace gw::sccp
