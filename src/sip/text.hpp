// Small text helpers shared by the SIP parsers: ASCII case-insensitive comparison, trimming of
// SIP linear white space (SP / HTAB), and bounded decimal parsing.
// Contract: pure functions on string_views; nothing allocates except where a std::string is
// returned; nothing throws. Parsing helpers return std::nullopt on anything but plain digits.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::sip::text {

constexpr char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
constexpr bool is_ws(char c) {
  return c == ' ' || c == '\t';
}
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

constexpr std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
  return s;
}

inline std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = upper(c);
  return out;
}

// Parses a non-empty run of decimal digits whose value is at most `max`. Leading zeros are
// allowed (RFC 3261 grammar permits them); anything else, or overflow, is nullopt.
constexpr std::optional<std::uint64_t> parse_uint(std::string_view s, std::uint64_t max) {
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
    if (v > max) return std::nullopt;
  }
  return v;
}

}  // namespace gw::sip::text
