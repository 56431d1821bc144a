// A parsed SIP response and its strict, bounded parser (RFC 3261 §7.2, §7.3, §18.3).
// Contract: parse_response() takes one complete message (a UDP datagram, or one message cut by
// StreamFramer) and returns a Response that owns copies of everything it keeps, or a named
// error whose code is one of the errc constants below. It never throws and never reads past
// `message`. Header names are case-insensitive and compact forms are understood; folded lines
// (starting with SP/HTAB) continue the previous header; empty lines before the status line are
// skipped (RFC 3261 §7.5). A missing Content-Length means "the rest of the datagram" (§18.3).
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "sip/options_request.hpp"
#include "sip/via.hpp"

namespace gw::sip {

// RFC 3261 §18.1.1 puts a UDP request's practical limit well under 64 KiB (the IP datagram
// limit); a keepalive answer is a few hundred bytes. Anything larger is refused unread.
inline constexpr std::size_t kMaxMessageBytes = 64 * 1024;

// Error codes returned by parse_response (Error::code).
namespace errc {
inline constexpr std::string_view kTooLarge = "too-large";
inline constexpr std::string_view kBadStatusLine = "bad-status-line";
inline constexpr std::string_view kBadStatusCode = "bad-status-code";
inline constexpr std::string_view kNotAResponse = "not-a-response";
inline constexpr std::string_view kMissingHeaderEnd = "missing-header-end";
inline constexpr std::string_view kBadHeader = "bad-header";
inline constexpr std::string_view kMissingVia = "missing-via";
inline constexpr std::string_view kBadVia = "bad-via";
inline constexpr std::string_view kTooManyVias = "too-many-vias";
inline constexpr std::string_view kMissingCallId = "missing-call-id";
inline constexpr std::string_view kMissingCSeq = "missing-cseq";
inline constexpr std::string_view kBadCSeq = "bad-cseq";
inline constexpr std::string_view kDuplicateHeader = "duplicate-header";
inline constexpr std::string_view kBadContentLength = "bad-content-length";
inline constexpr std::string_view kTruncatedBody = "truncated-body";
}  // namespace errc

struct Response {
  int status = 0;         // 100..699
  std::string reason;     // reason phrase, may be empty
  std::vector<Via> vias;  // in message order; vias.front() is the top Via
  std::string call_id;
  std::uint32_t cseq = 0;                     // < 2^31 (RFC 3261 §8.1.1.5)
  std::string cseq_method;                    // as sent, case preserved
  std::string from_tag;                       // empty when absent
  std::string to_tag;                         // empty when absent
  std::optional<std::size_t> content_length;  // when the header was present
  std::string body;                           // Content-Length bytes (or the rest, when absent)
};

Result<Response> parse_response(std::string_view message);
// The same into `into`, whose strings and Via list keep their capacity (the UDP hub parses every
// answer into one Response). On error `into` holds a partial parse: use only after ok.
Status<> parse_response(std::string_view message, Response& into);

// True only when `response` answers `request`: the top Via branch, the Call-ID, the CSeq number
// and the method (OPTIONS) all match. (The source address is the net layer's to check.)
bool match(const Response& response, const OptionsRequest& request);

}  // namespace gw::sip
