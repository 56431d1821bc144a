// The configuration's SIP server address: `keepalive target` and `session target` values.
// parse_sip_server accepts what the SIP-SERVER token accepts (cli::split_sip_server) and keeps
// the host as written, DNS names in lower case; format_sip_server is its inverse
// ("ipv6:[A]:port" when a port is given). Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::config {

struct SipServer {
  enum class Kind { ipv4, ipv6, dns } kind = Kind::ipv4;
  std::string host;                   // without brackets
  std::optional<std::uint16_t> port;  // when given
  bool operator==(const SipServer&) const = default;
};

std::optional<SipServer> parse_sip_server(std::string_view word);
std::string format_sip_server(const SipServer& s);

}  // namespace gw::config
