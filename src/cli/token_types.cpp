#include "cli/token_types.hpp"

#include <arpa/inet.h>

#include <cctype>

namespace gw::cli {
namespace {

bool iequals_prefix(std::string_view w, std::string_view prefix) {
  if (w.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(w[i])) != prefix[i]) return false;
  return true;
}

// inet_pton needs a NUL-terminated string; words are short, so copy into a small buffer.
template <int Family, std::size_t Max>
bool pton(std::string_view w) {
  if (w.empty() || w.size() >= Max) return false;
  char buf[Max];
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == '\0') return false;
    buf[i] = w[i];
  }
  buf[w.size()] = '\0';
  unsigned char out[16];
  return inet_pton(Family, buf, out) == 1;
}

std::optional<std::uint16_t> parse_port(std::string_view w) {
  auto n = parse_number(w);
  if (!n || *n < 1 || *n > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(*n);
}

}  // namespace

std::optional<long> parse_number(std::string_view w) {
  if (w.empty() || w.size() > 10) return std::nullopt;
  long v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool is_ipv4(std::string_view w) {
  return pton<AF_INET, 16>(w);
}
bool is_ipv6(std::string_view w) {
  return w.find(':') != std::string_view::npos && pton<AF_INET6, 46>(w);
}

bool is_dns_name(std::string_view w) {
  if (w.empty() || w.size() > 253) return false;
  if (w.back() == '.') w.remove_suffix(1);
  bool has_alpha = false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    if (std::isalpha(c))
      has_alpha = true;
    else if (!std::isdigit(c) && c != '-' && c != '_')
      return false;
    if (++label > 63) return false;
  }
  return label > 0 && has_alpha && w.front() != '-';
}

bool is_host(std::string_view w) {
  return is_ipv4(w) || is_ipv6(w) || is_dns_name(w);
}

bool is_printable_word(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

bool is_ifname(std::string_view w) {
  // Linux: IFNAMSIZ - 1 characters, no '/', no blanks, not "." or "..".
  if (w.empty() || w.size() > 15 || w == "." || w == "..") return false;
  for (char c : w) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '/' || c == ':') return false;
  }
  return true;
}

bool is_voice_port(std::string_view w) {
  int parts = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = w.find('/', start);
    std::string_view part =
        w.substr(start, slash == std::string_view::npos ? w.npos : slash - start);
    auto n = parse_number(part);
    if (!n || part.size() > 4) return false;
    ++parts;
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts == 2 || parts == 3;
}

bool is_version(std::string_view w) {
  if (w.empty() || w.size() > 12) return false;
  if (w.back() == '+') w.remove_suffix(1);
  bool digit_run = false;
  for (char c : w) {
    if (c >= '0' && c <= '9')
      digit_run = true;
    else if (c == '.' && digit_run)
      digit_run = false;
    else
      return false;
  }
  return digit_run;
}

bool is_device_name(std::string_view w) {
  if (w.empty() || w.size() > 15) return false;
  for (char c : w) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

namespace {
// "HOST[:PORT]", the part after "ipv4:" or "dns:": HOST passes `valid`, PORT (when given) is
// a port number.
std::optional<SipServerWord> split_host_port(SipServerWord::Kind kind, std::string_view w,
                                             bool (*valid)(std::string_view)) {
  SipServerWord s;
  s.kind = kind;
  auto colon = w.find(':');
  s.host = w.substr(0, colon);
  if (!valid(s.host)) return std::nullopt;
  if (colon != std::string_view::npos) {
    s.port = parse_port(w.substr(colon + 1));
    if (!s.port) return std::nullopt;
  }
  return s;
}
}  // namespace

std::optional<SipServerWord> split_sip_server(std::string_view w) {
  using Kind = SipServerWord::Kind;
  if (iequals_prefix(w, "ipv4:")) return split_host_port(Kind::ipv4, w.substr(5), is_ipv4);
  if (iequals_prefix(w, "dns:")) return split_host_port(Kind::dns, w.substr(4), is_dns_name);
  if (!iequals_prefix(w, "ipv6:")) return std::nullopt;
  SipServerWord s;
  s.kind = Kind::ipv6;
  w.remove_prefix(5);
  if (w.empty() || w.front() != '[') {
    if (!is_ipv6(w)) return std::nullopt;
    s.host = w;
    return s;
  }
  auto close = w.find(']');
  if (close == std::string_view::npos) return std::nullopt;
  s.host = w.substr(1, close - 1);
  if (!is_ipv6(s.host)) return std::nullopt;
  std::string_view rest = w.substr(close + 1);
  if (!rest.empty()) {
    if (rest.front() != ':') return std::nullopt;
    s.port = parse_port(rest.substr(1));
    if (!s.port) return std::nullopt;
  }
  return s;
}

bool matches(TokenKind kind, std::string_view w, long lo, long hi) {
  switch (kind) {
    case TokenKind::keyword:
      return false;
    case TokenKind::range: {
      auto n = parse_number(w);
      return n && *n >= lo && *n <= hi;
    }
    case TokenKind::ipv4:
      return is_ipv4(w);
    case TokenKind::ipv6:
      return is_ipv6(w);
    case TokenKind::host:
      return is_host(w);
    case TokenKind::word:
      return is_printable_word(w);
    case TokenKind::line:
      return is_printable_word(w);
    case TokenKind::sip_server:
      return split_sip_server(w).has_value();
    case TokenKind::ifname:
      return is_ifname(w);
    case TokenKind::voice_port:
      return is_voice_port(w);
    case TokenKind::version:
      return is_version(w);
    case TokenKind::device_name:
      return is_device_name(w);
  }
  return false;
}

}  // namespace gw::cli
