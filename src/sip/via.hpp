// The Via header (RFC 3261 §20.42, grammar §25.1): one parsed via-parm, and the parser of a
// header value that may hold several comma-separated via-parms.
// Contract: parse_via_values() never throws; it appends each via-parm of `value` to `out` in
// order and returns ok, or a named error "bad-via" / "too-many-vias" (out is then unspecified).
// LWS is allowed around '/', ':', ';' and '=' as the RFC grammar (and RFC 4475) allows.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace gw::sip {

// A response to our own request carries the Vias of its path back to us: one for a direct
// peer, a few through proxies. More than this is not a real path; refuse it.
inline constexpr std::size_t kMaxViaEntries = 32;

struct Via {
  std::string transport;              // upper case as sent: "UDP", "TCP", "TLS", "SCTP", "WS"...
  std::string host;                   // sent-by host, IPv6 without brackets
  std::optional<std::uint16_t> port;  // sent-by port, when present
  std::string branch;                 // empty when absent
  bool rport = false;                 // rport parameter present (RFC 3581)
  std::optional<std::uint16_t> rport_value;  // rport=N when the server filled it in
  std::string received;                      // received=ADDR, empty when absent
};

Status<> parse_via_values(std::string_view value, std::vector<Via>& out);
// The same, reusing elements: each via-parm is parsed into out[used] (overwritten in full; its
// strings keep their capacity), out grows when needed, and used counts those written. The
// caller truncates out to `used` when the message is done (sip::parse_response does this, so
// that parsing every answer into one Response allocates nothing).
Status<> parse_via_values(std::string_view value, std::vector<Via>& out, std::size_t& used);

}  // namespace gw::sip
