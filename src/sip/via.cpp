#include "sip/via.hpp"

#include <array>

#include "sip/text.hpp"

namespace gw::sip {
namespace {

using text::is_ws;

// RFC 3261 §25.1 token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    t[static_cast<std::size_t>(c)] =
        (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || text::is_digit(ch);
  }
  for (char c : std::string_view("-.!%*_+`'~")) t[static_cast<unsigned char>(c)] = true;
  return t;
}();

constexpr bool is_token_char(char c) {
  return kTokenChars[static_cast<unsigned char>(c)];
}

// A tiny cursor over one via-parm.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool skip_ws() {
    const std::size_t start = i_;
    while (!done() && is_ws(s_[i_])) ++i_;
    return i_ != start;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  std::string_view token() {
    const std::size_t start = i_;
    while (!done() && is_token_char(s_[i_])) ++i_;
    return s_.substr(start, i_ - start);
  }
  // Up to (not including) any of the characters Stops (a few, known at compile time: the
  // comparisons are unrolled, which beats a loop over a runtime set per character).
  template <char... Stops>
  std::string_view until() {
    const std::size_t start = i_;
    while (!done()) {
      const char c = s_[i_];
      if (((c == Stops) || ...)) break;
      ++i_;
    }
    return s_.substr(start, i_ - start);
  }
  std::optional<std::string_view> quoted() {
    if (!eat('"')) return std::nullopt;
    const std::size_t start = i_;
    while (!done() && s_[i_] != '"') i_ += (s_[i_] == '\\') ? 2 : 1;
    if (done()) return std::nullopt;
    const std::string_view q = s_.substr(start, i_ - start);
    ++i_;
    return q;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

Unexpected<Error> bad(std::string_view why) {
  return fail("bad-via", std::string(why));
}

std::optional<std::uint16_t> parse_port(std::string_view s) {
  const auto v = text::parse_uint(s, 65535);
  if (!v || *v == 0) return std::nullopt;
  return static_cast<std::uint16_t>(*v);
}

// Overwrites every field of `via`.
Status<> parse_one(std::string_view parm, Via& via) {
  via.port.reset();
  via.branch.clear();
  via.rport = false;
  via.rport_value.reset();
  via.received.clear();
  Cursor c(parm);
  c.skip_ws();
  if (!text::iequals(c.token(), "SIP")) return bad("protocol is not SIP");
  c.skip_ws();
  if (!c.eat('/')) return bad("expected '/'");
  c.skip_ws();
  if (c.token() != "2.0") return bad("version is not 2.0");
  c.skip_ws();
  if (!c.eat('/')) return bad("expected '/'");
  c.skip_ws();
  const std::string_view transport = c.token();
  if (transport.empty()) return bad("missing transport");
  via.transport = text::to_upper(transport);
  if (!c.skip_ws()) return bad("missing sent-by");

  std::string_view host;
  if (c.eat('[')) {
    host = c.until<']'>();
    if (!c.eat(']')) return bad("unterminated IPv6 reference");
  } else {
    host = c.until<':', ';', ' ', '\t', ','>();
  }
  if (host.empty()) return bad("empty sent-by host");
  via.host.assign(host);
  c.skip_ws();
  if (c.eat(':')) {
    c.skip_ws();
    via.port = parse_port(c.until<';', ' ', '\t'>());
    if (!via.port) return bad("bad sent-by port");
  }

  for (;;) {
    c.skip_ws();
    if (c.done()) break;
    if (!c.eat(';')) return bad("expected ';'");
    c.skip_ws();
    const std::string_view name = c.token();
    if (name.empty()) return bad("empty parameter name");
    c.skip_ws();
    std::optional<std::string_view> value;
    if (c.eat('=')) {
      c.skip_ws();
      value = c.peek() == '"' ? c.quoted() : std::optional(c.until<';', ' ', '\t'>());
      if (!value || value->empty()) return bad("empty parameter value");
    }
    if (text::iequals(name, "branch")) {
      if (!value) return bad("branch without value");
      via.branch.assign(*value);
    } else if (text::iequals(name, "rport")) {
      via.rport = true;
      if (value) {
        via.rport_value = parse_port(*value);
        if (!via.rport_value) return bad("bad rport");
      }
    } else if (text::iequals(name, "received")) {
      if (!value) return bad("received without value");
      via.received.assign(*value);
    }
  }
  return Ok{};
}

}  // namespace

Status<> parse_via_values(std::string_view value, std::vector<Via>& out) {
  std::size_t used = out.size();
  return parse_via_values(value, out, used);
}

Status<> parse_via_values(std::string_view value, std::vector<Via>& out, std::size_t& used) {
  // Split on commas outside quoted strings; empty elements are allowed by the #rule and skipped.
  // The next comma and quote are found with memchr (string_view::find), not char by char: a
  // keepalive answer's Via holds neither, and this runs once per answer.
  std::size_t start = 0;
  std::size_t i = 0;
  for (;;) {
    const std::size_t comma = value.find(',', i);
    const std::size_t quote = value.find('"', i);
    if (quote < comma) {  // a quoted string before the next comma: skip it whole
      std::size_t j = quote + 1;
      while (j < value.size() && value[j] != '"') j += value[j] == '\\' ? 2 : 1;
      if (j >= value.size()) return bad("unterminated quoted string");
      i = j + 1;
      continue;
    }
    const std::size_t end = comma == std::string_view::npos ? value.size() : comma;
    const std::string_view parm = text::trim(value.substr(start, end - start));
    if (!parm.empty()) {
      if (used >= kMaxViaEntries) return fail("too-many-vias");
      if (used == out.size()) out.emplace_back();
      if (auto s = parse_one(parm, out[used]); !s) return s;
      ++used;
    }
    if (comma == std::string_view::npos) return Ok{};
    start = i = comma + 1;
  }
}

}  // namespace gw::sip
