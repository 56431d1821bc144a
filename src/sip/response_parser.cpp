// parse_response(): status line, then logical header lines (folding undone), then the body.
// Only the headers keepalive needs are interpreted; the others are checked for shape and skipped.
#include <string>
#include <utility>

#include "sip/response.hpp"
#include "sip/text.hpp"

namespace gw::sip {
namespace {

using text::iequals;
using text::trim;

Unexpected<Error> err(std::string_view code, std::string message = {}) {
  return fail(std::string(code), std::move(message));
}

// Splits `s` at the next LF; the line excludes LF and a CR before it.
std::string_view take_line(std::string_view& s) {
  const std::size_t lf = s.find('\n');
  std::string_view line = s.substr(0, lf);
  s.remove_prefix(lf == std::string_view::npos ? s.size() : lf + 1);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

Status<> parse_status_line(std::string_view line, Response& r) {
  constexpr std::string_view kVersion = "SIP/2.0";
  if (line.size() < kVersion.size() || !iequals(line.substr(0, kVersion.size()), kVersion)) {
    const std::size_t sp = line.rfind(' ');
    if (sp != std::string_view::npos && iequals(line.substr(sp + 1), kVersion)) {
      return err(errc::kNotAResponse, "a request line");
    }
    return err(errc::kBadStatusLine, "does not start with SIP/2.0");
  }
  line.remove_prefix(kVersion.size());
  if (line.empty() || line.front() != ' ') return err(errc::kBadStatusLine, "no SP after version");
  line.remove_prefix(1);
  const std::string_view code = line.substr(0, 3);
  const auto status = text::parse_uint(code, 999);
  if (code.size() != 3 || !status) return err(errc::kBadStatusLine, "status is not 3 digits");
  line.remove_prefix(3);
  if (!line.empty() && line.front() != ' ')
    return err(errc::kBadStatusLine, "status is not 3 digits");
  if (*status < 100 || *status > 699) return err(errc::kBadStatusCode, std::string(code));
  r.status = static_cast<int>(*status);
  r.reason.assign(trim(line));
  return Ok{};
}

// The tag parameter of a From/To value: name-addr ("Name" <uri;p>;tag=x) or addr-spec (uri;tag=x);
// a view into `value`.
Result<std::string_view> parse_tag(std::string_view value) {
  std::size_t params = std::string_view::npos;
  bool in_quotes = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (in_quotes) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_quotes = false;
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == '<') {
      const std::size_t close = value.find('>', i);
      if (close == std::string_view::npos) return err(errc::kBadHeader, "unterminated <uri>");
      params = value.find(';', close);
      break;
    } else if (c == ';') {
      params = i;
      break;
    }
  }
  if (in_quotes) return err(errc::kBadHeader, "unterminated display name");
  while (params != std::string_view::npos) {
    const std::size_t next = value.find(';', params + 1);
    const std::string_view p =
        value.substr(params + 1, next == std::string_view::npos ? next : next - params - 1);
    const std::size_t eq = p.find('=');
    if (eq != std::string_view::npos && iequals(trim(p.substr(0, eq)), "tag")) {
      return trim(p.substr(eq + 1));
    }
    params = next;
  }
  return std::string_view();
}

Status<> parse_cseq(std::string_view value, Response& r) {
  value = trim(value);
  std::size_t i = 0;
  while (i < value.size() && text::is_digit(value[i])) ++i;
  const auto number = text::parse_uint(value.substr(0, i), 0x7fffffff);  // < 2^31, §8.1.1.5
  const std::string_view method = trim(value.substr(i));
  if (!number || method.empty() || method.size() == value.size() - i) {
    return err(errc::kBadCSeq, std::string(value));
  }
  r.cseq = static_cast<std::uint32_t>(*number);
  r.cseq_method.assign(method);
  return Ok{};
}

struct Seen {
  bool call_id = false, cseq = false, from = false, to = false;
  std::size_t vias = 0;  // r.vias[0, vias) hold this message's Vias; the rest are spare
};

// The headers keepalive reads, by full and compact name (RFC 3261 §7.3.3); other: skipped.
enum class Known { other, via, call_id, cseq, from, to, content_length };

Known known_header(std::string_view name) {
  // By length first: most headers of an answer are rejected without a comparison.
  switch (name.size()) {
    case 1:
      switch (text::lower(name[0])) {
        case 'v':
          return Known::via;
        case 'i':
          return Known::call_id;
        case 'f':
          return Known::from;
        case 't':
          return Known::to;
        case 'l':
          return Known::content_length;
        default:
          return Known::other;
      }
    case 2:
      return iequals(name, "to") ? Known::to : Known::other;
    case 3:
      return iequals(name, "via") ? Known::via : Known::other;
    case 4:
      if (iequals(name, "cseq")) return Known::cseq;
      return iequals(name, "from") ? Known::from : Known::other;
    case 7:
      return iequals(name, "call-id") ? Known::call_id : Known::other;
    case 14:
      return iequals(name, "content-length") ? Known::content_length : Known::other;
    default:
      return Known::other;
  }
}

Status<> apply_header(std::string_view name, std::string_view value, Response& r, Seen& seen) {
  const Known k = known_header(name);
  if (k == Known::other) return Ok{};
  value = trim(value);
  auto once = [](bool& flag, std::string_view n) -> Status<> {
    if (flag) return err(errc::kDuplicateHeader, std::string(n));
    flag = true;
    return Ok{};
  };
  switch (k) {
    case Known::via:
      return parse_via_values(value, r.vias, seen.vias);
    case Known::call_id:
      if (auto s = once(seen.call_id, name); !s) return s;
      if (value.empty()) return err(errc::kMissingCallId, "empty Call-ID");
      r.call_id.assign(value);
      return Ok{};
    case Known::cseq:
      if (auto s = once(seen.cseq, name); !s) return s;
      return parse_cseq(value, r);
    case Known::from:
    case Known::to: {
      const bool from = k == Known::from;
      if (auto s = once(from ? seen.from : seen.to, name); !s) return s;
      auto tag = parse_tag(value);
      if (!tag) return Unexpected<Error>{tag.error()};
      (from ? r.from_tag : r.to_tag).assign(*tag);
      return Ok{};
    }
    case Known::content_length: {
      const auto n = text::parse_uint(value, kMaxMessageBytes);
      if (!n || (r.content_length && *r.content_length != *n)) {
        return err(errc::kBadContentLength, std::string(value));
      }
      r.content_length = static_cast<std::size_t>(*n);
      return Ok{};
    }
    case Known::other:
      break;
  }
  return Ok{};
}

bool valid_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (c <= ' ' || c == 0x7f || c == ':') return false;
  }
  return true;
}

}  // namespace

Result<Response> parse_response(std::string_view message) {
  Response r;
  if (auto s = parse_response(message, r); !s) return Unexpected<Error>{s.error()};
  return r;
}

Status<> parse_response(std::string_view message, Response& r) {
  if (message.size() > kMaxMessageBytes) return err(errc::kTooLarge);
  while (!message.empty() && (message.front() == '\r' || message.front() == '\n')) {
    message.remove_prefix(1);
  }
  // Every field is reset; strings keep their capacity (a reused Response allocates little).
  // The Vias are overwritten in place and cut to this message's count once its headers are read.
  r.status = 0;
  r.reason.clear();
  r.call_id.clear();
  r.cseq = 0;
  r.cseq_method.clear();
  r.from_tag.clear();
  r.to_tag.clear();
  r.content_length.reset();
  r.body.clear();
  std::string_view rest = message;
  if (rest.empty()) return err(errc::kBadStatusLine, "empty message");
  if (auto s = parse_status_line(take_line(rest), r); !s) return s;

  Seen seen;
  // The current logical header. `value` views the message, or `folded` once continuation
  // lines were joined to it with one SP each.
  std::string_view name;
  std::string_view value;
  std::string folded;
  bool is_folded = false;
  bool have_header = false;
  bool ended = false;
  auto flush = [&]() -> Status<> {
    if (!have_header) return Ok{};
    have_header = false;
    return apply_header(name, value, r, seen);
  };
  while (!rest.empty()) {
    const std::string_view line = take_line(rest);
    if (line.empty()) {
      ended = true;
      break;
    }
    if (text::is_ws(line.front())) {  // folding: continuation of the previous header (§7.3.1)
      if (!have_header) return err(errc::kBadHeader, "continuation line without a header");
      if (!is_folded) folded.assign(value);
      is_folded = true;
      folded += ' ';
      folded += trim(line);
      value = folded;
      continue;
    }
    if (auto s = flush(); !s) return s;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return err(errc::kBadHeader, "no ':'");
    const std::string_view n = trim(line.substr(0, colon));
    if (!valid_header_name(n)) return err(errc::kBadHeader, "bad header name");
    name = n;
    value = line.substr(colon + 1);
    is_folded = false;
    have_header = true;
  }
  if (!ended) return err(errc::kMissingHeaderEnd, "no empty line after the headers");
  if (auto s = flush(); !s) return s;
  r.vias.resize(seen.vias);

  if (r.vias.empty()) return err(errc::kMissingVia);
  if (r.call_id.empty()) return err(errc::kMissingCallId);
  if (!seen.cseq) return err(errc::kMissingCSeq);
  if (r.content_length) {
    if (rest.size() < *r.content_length) return err(errc::kTruncatedBody);
    rest = rest.substr(0, *r.content_length);  // §18.3: extra datagram bytes are discarded
  }
  r.body.assign(rest);
  return Ok{};
}

bool match(const Response& response, const OptionsRequest& request) {
  return !response.vias.empty() && response.vias.front().branch == request.branch &&
         response.call_id == request.call_id && response.cseq == request.cseq &&
         response.cseq_method == "OPTIONS";
}

}  // namespace gw::sip
