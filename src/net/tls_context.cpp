#include "net/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <asio/ip/address.hpp>
#include <new>

namespace gw::net {
namespace {

std::string openssl_text(std::string_view what) {
  std::string text(what);
  unsigned long code = ERR_get_error();
  if (code != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    text += ": ";
    text += buf;
  }
  ERR_clear_error();
  return text;
}

std::string strip_brackets(std::string_view name) {
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  return std::string(name);
}

}  // namespace

Result<std::shared_ptr<asio::ssl::context>> make_tls_client_context(const TlsOptions& options) {
  std::shared_ptr<asio::ssl::context> ctx;
  try {
    // The constructor is the one Asio call here without an error_code overload.
    ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  } catch (const std::exception& e) {
    return fail("tls", std::string("cannot create TLS context: ") + e.what());
  }
  SSL_CTX* native = ctx->native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
    return fail("tls", openssl_text("cannot set minimum TLS version"));
  }
  std::error_code ec;
  ctx->set_verify_mode(asio::ssl::verify_peer, ec);
  if (!ec) {
    if (options.ca_file) {
      ctx->load_verify_file(*options.ca_file, ec);
    } else {
      ctx->set_default_verify_paths(ec);
    }
  }
  if (ec) {
    return fail("tls", "cannot load trust anchors" +
                           (options.ca_file ? " from " + *options.ca_file : std::string()) + ": " +
                           ec.message());
  }
  return ctx;
}

Status<> set_peer_identity(SSL* ssl, std::string_view server_name) {
  const std::string name = strip_brackets(server_name);
  if (name.empty()) return fail("tls", "empty server name");
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  std::error_code ec;
  asio::ip::make_address(name, ec);
  if (!ec) {
    // An IP literal: no SNI (RFC 6066 §3), match an iPAddress subjectAltName.
    if (X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()) != 1) {
      return fail("tls", openssl_text("cannot set expected IP address " + name));
    }
    return Ok{};
  }
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  if (X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size()) != 1) {
    return fail("tls", openssl_text("cannot set expected host name " + name));
  }
  if (SSL_set_tlsext_host_name(ssl, name.c_str()) != 1) {
    return fail("tls", openssl_text("cannot set SNI " + name));
  }
  return Ok{};
}

std::string verify_failure_text(const SSL* ssl) {
  long result = SSL_get_verify_result(ssl);
  if (result == X509_V_OK) return {};
  return X509_verify_cert_error_string(result);
}

}  // namespace gw::net
