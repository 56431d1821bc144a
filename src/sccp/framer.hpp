// Framer: splits an SCCP TCP byte stream into whole frames.
//
// Contract:
// - feed(bytes) appends bytes and validates every frame header that is complete. It returns
//   an error, and the framer becomes terminally failed (every later call fails the same way),
//   when a header's data_length is below 4 or above kMaxDataLength, or when more than
//   kMaxBuffered bytes would sit unconsumed. The caller then closes the connection.
// - pop() returns the next whole frame (header + body, ready for decode()) or nothing when
//   more bytes are needed. Call pop() until it returns nothing after each feed().
// - Memory: never allocated from a wire length; at most kMaxBuffered bytes are held.
// Not thread-safe; one per connection.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace gw::sccp {

class Framer {
 public:
  // Peers send at most ~1-2 KiB (the largest message the keepalive sees is a 292-byte
  // CapabilitiesRes; the largest in the protocol stay below 2 KiB). Anything bigger is a
  // corrupt or hostile stream.
  static constexpr std::size_t kMaxDataLength = 2048;
  // Room for a partial frame plus a 64 KiB read: callers read in chunks ≤ kMaxReadChunk and
  // pop after each feed, so honest traffic never reaches the bound.
  static constexpr std::size_t kMaxReadChunk = 64 * 1024;
  static constexpr std::size_t kMaxBuffered = kMaxReadChunk + kMaxDataLength + 8;

  Status<> feed(std::string_view bytes);
  std::optional<std::string> pop();

  bool failed() const { return failed_.has_value(); }
  std::size_t buffered() const { return buf_.size() - pos_; }

 private:
  Status<> validate();

  std::string buf_;
  std::size_t pos_ = 0;      // start of the first unconsumed frame
  std::size_t checked_ = 0;  // offset of the first header not yet validated
  std::optional<Error> failed_;
};

}  // namespace gw::sccp
