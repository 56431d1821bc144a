// SIP transport as configured and as put on the wire: udp, tcp or tls (TLS over TCP).
// to_string gives the lowercase names used in events and show output.
#pragma once
#include <string_view>

namespace gw {

enum class Transport { udp, tcp, tls };

constexpr std::string_view to_string(Transport t) {
  switch (t) {
    case Transport::udp:
      return "udp";
    case Transport::tcp:
      return "tcp";
    case Transport::tls:
      return "tls";
  }
  return "udp";
}

// RFC 3261 default port: 5061 for TLS, 5060 otherwise.
constexpr unsigned default_sip_port(Transport t) {
  return t == Transport::tls ? 5061 : 5060;
}

}  // namespace gw
