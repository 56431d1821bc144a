// The control socket protocol (`gatewatch run --control SOCK`, `gatewatch cli`).
//
// Requests: one line of text each, ended by '\n' (a '\r' before it is dropped):
//   prompt | execute LINE | help LINE | complete LINE
// Responses: one JSON object per line, in request order:
//   {"ok":true,"prompt":"gatewatch#","output":"...","quit":false,"completions":[...],
//    "length":24,"width":80}            (length/width: the session's `terminal length|width`)
//   {"ok":false,"error":"% Unknown request"}      (the connection stays open)
// Pushed between responses to a session with `terminal monitor` on, never inside one:
//   {"monitor":"*Dec  8 ...: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nSent:\n..."}
// Limits: a request line is at most kMaxRequestLine bytes; a longer one is answered with an
// error once and skipped up to its '\n' (never buffered). Control characters other than tab in
// LINE become '?' so nothing reaches the console that it could not print back.
// Pure: RequestFramer holds bounded state and never throws; encode/decode are total functions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gw::daemon {

// 64 KiB: an IOS line is far shorter; the console itself rejects lines over 64 KiB.
inline constexpr std::size_t kMaxRequestLine = 64 * 1024;

struct ControlRequest {
  enum class Verb { prompt, execute, help, complete };
  Verb verb = Verb::prompt;
  std::string line;
};

struct ControlResponse {
  bool ok = true;
  std::string error;
  std::string prompt;
  std::string output;
  bool quit = false;
  std::vector<std::string> completions;
  unsigned length = 24;  // `terminal length` (0: no paging)
  unsigned width = 80;   // `terminal width`
};

// A framing or syntax problem with one request line; answered as {"ok":false,...}.
struct ControlRequestError {
  std::string message;
};

using ControlItem = std::variant<ControlRequest, ControlRequestError>;

// Parses one request line (without its '\n').
ControlItem parse_request(std::string_view line);

class RequestFramer {
 public:
  // Appends bytes; returns the requests (and errors) completed by them, in order.
  std::vector<ControlItem> feed(std::string_view bytes);
  std::size_t buffered() const { return buffer_.size(); }  // always <= kMaxRequestLine

 private:
  std::string buffer_;
  bool discarding_ = false;  // inside an over-long line, waiting for its '\n'
};

std::string encode_request(const ControlRequest& request);     // with the '\n'
std::string encode_response(const ControlResponse& response);  // one JSON line with '\n'
// Debug output pushed to a `terminal monitor` session between responses: {"monitor":"text"}.
std::string encode_monitor(std::string_view text);
// The text of a pushed debug line; nullopt when the line is not one.
std::optional<std::string> decode_monitor(std::string_view line);
// Parses a response line (client side); nullopt when it is not a response object.
std::optional<ControlResponse> decode_response(std::string_view line);

}  // namespace gw::daemon
