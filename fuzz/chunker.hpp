// Chunker: cuts a fuzz input into the chunk sizes a socket might deliver, deterministically.
// Contract: the first byte of the input (if any) seeds a small xorshift generator and is not
// part of the payload; every other byte is delivered exactly once, in order, in chunks of
// 1..max_chunk bytes (mostly small, sometimes large). Pure; no allocation; the views point
// into the caller's data, which must outlive the Chunker.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gw::fuzz {

class Chunker {
 public:
  Chunker(const std::uint8_t* data, std::size_t size, std::size_t max_chunk)
      : max_chunk_(max_chunk == 0 ? 1 : max_chunk) {
    if (size > 0) {
      state_ = 0x9E3779B9u ^ data[0];
      payload_ = std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1);
      rest_ = payload_;
    }
  }

  // The whole payload (the input without its seed byte).
  std::string_view payload() const { return payload_; }

  // The next chunk; empty when everything was delivered.
  std::string_view next() {
    if (rest_.empty()) return {};
    std::size_t n = draw();
    if (n > rest_.size()) n = rest_.size();
    const std::string_view chunk = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return chunk;
  }

 private:
  std::size_t draw() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    // Three sizes in four are 1..16 bytes (split headers, split CRLFs); the rest up to max.
    const std::size_t small = 1 + state_ % 16;
    const std::size_t large = 1 + (state_ >> 8) % max_chunk_;
    return (state_ >> 4) % 4 != 0 ? small : large;
  }

  std::size_t max_chunk_;
  std::uint32_t state_ = 1;
  std::string_view payload_;
  std::string_view rest_;
};

}  // namespace gw::fuzz
