// The typed arguments of the IOS grammar and how a word is checked against each one.
// Contract: pure functions of the word; no allocation except where a parsed value is returned.
// A word that fails its type is "invalid input" at that word (caret under it).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::cli {

enum class TokenKind : std::uint8_t {
  keyword,
  range,        // <lo-hi>
  ipv4,         // A.B.C.D
  ipv6,         // X:X::X:X
  host,         // HOSTNAME: a DNS name or an IP literal
  word,         // WORD: any printable word
  line,         // LINE: the rest of the line, verbatim
  sip_server,   // SIP-SERVER: ipv4:A[:port] | ipv6:A | ipv6:[A][:port] | dns:NAME[:port]
  ifname,       // IFNAME: a Linux interface name
  voice_port,   // SLOT/PORT: n/n or n/n/n
  version,      // VERSION: 7.0, 5.0.1, 7.0+
  device_name,  // DEVICE-NAME: 1-15 characters of letters, digits, '-', '_', '.'
};

bool is_ipv4(std::string_view w);
bool is_ipv6(std::string_view w);
bool is_dns_name(std::string_view w);
bool is_host(std::string_view w);  // IPv4, IPv6 or DNS name
bool is_printable_word(std::string_view w);
bool is_ifname(std::string_view w);
bool is_voice_port(std::string_view w);
bool is_version(std::string_view w);
bool is_device_name(std::string_view w);
std::optional<long> parse_number(std::string_view w);

// The parts of a SIP-SERVER word ("ipv4:A[:port]", "ipv6:A", "ipv6:[A][:port]",
// "dns:NAME[:port]"), as views into it: the syntax only. The configuration's value type is
// config::SipServer (config/sip_server.hpp).
struct SipServerWord {
  enum class Kind { ipv4, ipv6, dns } kind = Kind::ipv4;
  std::string_view host;              // without brackets, as written
  std::optional<std::uint16_t> port;  // when given
};
std::optional<SipServerWord> split_sip_server(std::string_view w);

// Does the word match a typed token of this kind (ranges checked with lo..hi)?
bool matches(TokenKind kind, std::string_view w, long lo, long hi);

}  // namespace gw::cli
