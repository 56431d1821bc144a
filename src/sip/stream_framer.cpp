#include "sip/stream_framer.hpp"

#include "sip/text.hpp"

namespace gw::sip {
namespace {

constexpr std::string_view kHeaderEnd = "\r\n\r\n";

enum class LengthError { missing, invalid };

// Content-Length (or compact "l") from a header block; folded values are not expected for it.
Result<std::size_t, LengthError> content_length(std::string_view headers) {
  std::optional<std::size_t> found;
  while (!headers.empty()) {
    const std::size_t eol = headers.find("\r\n");
    const std::string_view line = headers.substr(0, eol);
    headers.remove_prefix(eol == std::string_view::npos ? headers.size() : eol + 2);
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || line.empty() || text::is_ws(line.front())) continue;
    const std::string_view name = text::trim(line.substr(0, colon));
    if (!text::iequals(name, "content-length") && !text::iequals(name, "l")) continue;
    const auto n = text::parse_uint(text::trim(line.substr(colon + 1)), kMaxMessageBytes);
    if (!n || (found && *found != *n)) return Unexpected<LengthError>{LengthError::invalid};
    found = static_cast<std::size_t>(*n);
  }
  if (!found) return Unexpected<LengthError>{LengthError::missing};
  return *found;
}

}  // namespace

Unexpected<Error> StreamFramer::set_error(std::string_view code, std::string message) {
  error_ = Error{std::string(code), std::move(message)};
  buffer_.clear();
  buffer_.shrink_to_fit();
  scanned_ = 0;
  return Unexpected<Error>{*error_};
}

Status<> StreamFramer::feed(std::string_view bytes) {
  if (error_) return Unexpected<Error>{*error_};
  if (bytes.size() > kMaxBufferedBytes - buffer_.size()) {
    return set_error(errc::kBufferOverflow, "fed without draining next()");
  }
  buffer_.append(bytes);
  return Ok{};
}

Result<std::optional<std::string>> StreamFramer::next() {
  if (error_) return Unexpected<Error>{*error_};

  // Skip keep-alive CRLFs between messages. A lone trailing CR waits for its LF.
  std::size_t skip = 0;
  while (skip + 1 < buffer_.size() && buffer_[skip] == '\r' && buffer_[skip + 1] == '\n') {
    skip += 2;
  }
  if (skip > 0) {
    keepalives_ += 1;
    buffer_.erase(0, skip);
    scanned_ = 0;
  }

  // Resume the CRLFCRLF search where the last one stopped (minus a possibly split delimiter).
  const std::size_t from = scanned_ >= kHeaderEnd.size() ? scanned_ - (kHeaderEnd.size() - 1) : 0;
  const std::size_t end = buffer_.find(kHeaderEnd, from);
  if (end == std::string::npos) {
    scanned_ = buffer_.size();
    if (buffer_.size() > kMaxHeaderBytes) {
      return set_error(errc::kHeaderTooLarge, "no CRLFCRLF within the header limit");
    }
    return std::optional<std::string>{};
  }
  const std::size_t header_bytes = end + kHeaderEnd.size();
  if (header_bytes > kMaxHeaderBytes) return set_error(errc::kHeaderTooLarge);

  const auto length = content_length(std::string_view(buffer_).substr(0, end + 2));
  if (!length) {
    return length.error() == LengthError::missing ? set_error(errc::kMissingContentLength)
                                                  : set_error(errc::kBadContentLength);
  }
  if (header_bytes + *length > kMaxMessageBytes) return set_error(errc::kTooLarge);
  if (buffer_.size() < header_bytes + *length) {
    scanned_ = end;  // header end known; keep the search cheap until the body is complete
    return std::optional<std::string>{};
  }
  std::string message = buffer_.substr(0, header_bytes + *length);
  buffer_.erase(0, header_bytes + *length);
  scanned_ = 0;
  return std::optional<std::string>{std::move(message)};
}

}  // namespace gw::sip
