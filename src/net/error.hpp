// Socket errors as the keepalive layers see them.
// Contract: classify() maps an Asio/OpenSSL error_code, plus the phase it happened in, to a
// gw::Error whose code is one of the reasons of design.md:
//   "refused"  ECONNREFUSED, and host/network unreachable (the network said no at once);
//   "reset"    ECONNRESET, EPIPE, ECONNABORTED, EOF or a TLS stream truncated by the peer;
//   "tls"      any failure during the TLS handshake (protocol error, chain or name check),
//              and TLS protocol errors after it;
//   "timeout"  ETIMEDOUT (the caller's own deadlines are reported as timeout by the caller);
//   "io"       anything else (the message keeps the system text).
// Pure function, no state; safe from any thread.
#pragma once
#include <string_view>
#include <system_error>

#include "base/result.hpp"

namespace gw::net {

// Where in a connection's life an error happened; decides how ambiguous errors read.
enum class Phase { connect, handshake, established };

Error classify(const std::error_code& ec, Phase phase);

// Convenience for errors raised by our own code (timers, closed objects).
inline Error make_error(std::string_view code, std::string_view message) {
  return Error{std::string(code), std::string(message)};
}

}  // namespace gw::net
