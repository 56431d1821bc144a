// TLS client configuration: the trust anchors and the per-connection peer check.
//
// Contract:
// - make_tls_client_context() builds an asio::ssl::context for TLS >= 1.2 clients that verifies
//   the server's chain against the system trust store (OpenSSL default paths) or, when
//   TlsOptions::ca_file is set, against that PEM file only. Failure to load the trust anchors
//   is returned as Error{"tls", ...}; nothing throws.
// - The context is shared (shared_ptr) by every connection that uses it; it must outlive them,
//   which the shared_ptr ensures. It is not modified after creation, so sharing it between
//   connections of one io_context is safe.
// - set_peer_identity() prepares one SSL object (before its handshake) to check the server's
//   identity: a DNS name sends SNI and must match a subjectAltName dNSName (or the CN when the
//   certificate has no SAN); an IPv4/IPv6 literal (brackets allowed) sends no SNI, as RFC 6066
//   demands, and must match an iPAddress SAN. A chain or identity mismatch then fails the
//   handshake, which StreamConnection reports as "tls" with OpenSSL's verify text.
#pragma once
#include <openssl/ssl.h>

#include <asio/ssl/context.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace gw::net {

struct TlsOptions {
  // PEM file with the CA certificates to trust; empty: the system trust store.
  std::optional<std::string> ca_file;
};

Result<std::shared_ptr<asio::ssl::context>> make_tls_client_context(const TlsOptions& options);

// Sets SNI and the expected host name or IP address on `ssl`. Returns "tls" if OpenSSL refuses.
Status<> set_peer_identity(SSL* ssl, std::string_view server_name);

// OpenSSL's verify result of a finished (or failed) handshake as text, empty when it is ok.
std::string verify_failure_text(const SSL* ssl);

}  // namespace gw::net
