// etcd client URLs: see endpoint.hpp.
#include "cluster/endpoint.hpp"

#include <cctype>

#include "cluster/settings.hpp"

namespace gw::cluster {

std::optional<Endpoint> parse_endpoint(std::string_view url) {
  if (url.size() > kMaxUrlLength) return std::nullopt;
  Endpoint e;
  if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else if (url.starts_with("https://")) {
    e.tls = true;
    url.remove_prefix(8);
  } else {
    return std::nullopt;
  }
  if (url.ends_with("/")) url.remove_suffix(1);
  std::string_view port;
  if (url.starts_with("[")) {
    const auto close = url.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    e.host = std::string(url.substr(1, close - 1));
    std::string_view rest = url.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return std::nullopt;
      port = rest.substr(1);
      if (port.empty()) return std::nullopt;
    }
    for (char c : e.host)
      if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.'))
        return std::nullopt;
  } else {
    const auto colon = url.find(':');
    e.host = std::string(url.substr(0, colon));
    if (colon != std::string_view::npos) {
      port = url.substr(colon + 1);
      if (port.empty()) return std::nullopt;
    }
    if (e.host.empty()) return std::nullopt;
    for (char c : e.host)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'))
        return std::nullopt;
  }
  if (!port.empty()) {
    if (port.size() > 5) return std::nullopt;
    unsigned v = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return std::nullopt;
      v = v * 10 + static_cast<unsigned>(c - '0');
    }
    if (v == 0 || v > 65535) return std::nullopt;
    e.port = static_cast<std::uint16_t>(v);
  }
  const bool v6 = e.host.find(':') != std::string::npos;
  e.scheme_host_port = std::string(e.tls ? "https://" : "http://") + (v6 ? "[" : "") + e.host +
                       (v6 ? "]" : "") + ":" + std::to_string(e.port);
  return e;
}

}  // namespace gw::cluster
