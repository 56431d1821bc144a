// StreamFramer: cuts a TCP/TLS byte stream into SIP messages (RFC 3261 §18.3, RFC 5626 §4.4.1).
// Contract: feed() appends bytes; next() returns the next complete message (header block up to
// and including CRLFCRLF, then exactly Content-Length bytes of body), std::nullopt when more
// bytes are needed, or an error. Errors are terminal: the connection must be closed, and every
// later feed()/next() returns the same error. CRLF keep-alives between messages (RFC 5626
// "\r\n\r\n" pings and "\r\n" pongs) are skipped and counted. Content-Length is mandatory on a
// stream. Memory stays bounded: at most kMaxBufferedBytes are held; call next() until it
// returns std::nullopt after each feed(). Not thread-safe; one framer per connection.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "sip/response.hpp"

namespace gw::sip {

// Error codes (Error::code) of the framer.
namespace errc {
inline constexpr std::string_view kHeaderTooLarge = "header-too-large";
inline constexpr std::string_view kMissingContentLength = "missing-content-length";
inline constexpr std::string_view kBufferOverflow = "buffer-overflow";
}  // namespace errc

class StreamFramer {
 public:
  // A message (headers + body) larger than kMaxMessageBytes is refused, as parse_response does.
  static constexpr std::size_t kMaxHeaderBytes = kMaxMessageBytes;
  // One partial message plus one socket read of at most this size may be buffered.
  static constexpr std::size_t kMaxFeedBytes = 64 * 1024;
  static constexpr std::size_t kMaxBufferedBytes = kMaxMessageBytes + kMaxFeedBytes;

  // Appends `bytes`. Fails (terminally) with "buffer-overflow" when more than kMaxBufferedBytes
  // would be held, i.e. the caller fed without draining or fed more than kMaxFeedBytes.
  Status<> feed(std::string_view bytes);

  // The next complete message, std::nullopt when more bytes are needed, or the terminal error
  // ("header-too-large", "missing-content-length", "bad-content-length", "too-large").
  Result<std::optional<std::string>> next();

  bool failed() const { return error_.has_value(); }
  std::size_t buffered() const { return buffer_.size(); }
  std::size_t keepalives_seen() const { return keepalives_; }

 private:
  Unexpected<Error> set_error(std::string_view code, std::string message = {});

  std::string buffer_;
  std::size_t scanned_ = 0;  // bytes of buffer_ already searched for CRLFCRLF
  std::size_t keepalives_ = 0;
  std::optional<Error> error_;
};

}  // namespace gw::sip
