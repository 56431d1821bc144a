#include "net/error.hpp"

#include <asio/error.hpp>
#include <asio/ssl/error.hpp>

namespace gw::net {
namespace {

bool is_ssl(const std::error_code& ec) {
  return ec.category() == asio::error::get_ssl_category() ||
         ec.category() == asio::ssl::error::get_stream_category();
}

bool is_reset(const std::error_code& ec) {
  return ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == asio::error::eof ||
         ec == asio::error::shut_down || ec == asio::ssl::error::stream_truncated;
}

}  // namespace

Error classify(const std::error_code& ec, Phase phase) {
  std::string message = ec.message();
  if (ec == asio::error::connection_refused || ec == asio::error::host_unreachable ||
      ec == asio::error::network_unreachable) {
    return Error{"refused", message};
  }
  if (ec == asio::error::timed_out) return Error{"timeout", message};
  if (phase == Phase::handshake && (is_ssl(ec) || is_reset(ec))) {
    return Error{"tls", "TLS handshake failed: " + message};
  }
  if (is_reset(ec)) return Error{"reset", message};
  if (is_ssl(ec)) return Error{"tls", message};
  return Error{"io", message};
}

}  // namespace gw::net
