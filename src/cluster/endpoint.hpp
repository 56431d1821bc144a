// An etcd client URL of `cluster etcd URL`: http:// or https://, a host (IPv4, [IPv6] or a
// name), an optional port (default 2379), no path. Pure.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gw::cluster {

struct Endpoint {
  bool tls = false;
  std::string host;  // without brackets
  std::uint16_t port = 2379;
  std::string scheme_host_port;  // "https://[::1]:2379": what an HTTP client takes
};

std::optional<Endpoint> parse_endpoint(std::string_view url);

}  // namespace gw::cluster
