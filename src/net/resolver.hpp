// Resolver: asynchronous DNS for SIP targets (RFC 3263 subset), c-ares on an asio::io_context.
//
// Contract:
// - resolve_sip(host, port, transport, callback) finds where to send a SIP request:
//   * host is an IP literal (IPv6 with or without brackets): answered without DNS, with the
//     given port or 5060/5061 (TLS), ttl = kLiteralTtl;
//   * no port given: SRV first (`_sip._udp.host`, `_sip._tcp.host`, `_sips._tcp.host` for TLS);
//     each target in SRV order (priority, then weight) is resolved to AAAA and A records, the
//     port comes from SRV and ttl = min(SRV ttl, address ttl). If there is no usable SRV answer,
//     the host itself is resolved (AAAA and A) with the default port;
//   * port given: no SRV; AAAA and A of the host with that port.
//   The ttl is how long the caller may cache the answer. Failure (NXDOMAIN, no address,
//   timeout, refused) is Error{"dns", "<host>: <reason>"}.
// - The callback is always invoked later from the io_context (never inside resolve_sip), exactly
//   once, unless the Resolver is destroyed first: then pending callbacks are dropped, never run.
// - Name servers: ResolverOptions::name_servers empty means the system's (/etc/resolv.conf and
//   /etc/hosts, as c-ares reads them); otherwise only those servers ("ip", "ip:port",
//   "[v6]:port" or a bare IPv6 address; port 53 by default), no hosts file, no search list.
// - Not thread-safe: one io_context thread. The io_context must outlive the Resolver.
#pragma once
#include <asio/io_context.hpp>
#include <asio/ip/address.hpp>
#include <asio/ip/udp.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/transport.hpp"

namespace gw::net {

struct ResolvedAddress {
  asio::ip::address address;
  std::uint16_t port = 0;
  std::chrono::seconds ttl{0};
};

// TTL reported for IP literals: they never change, but callers still re-check once a day.
inline constexpr std::chrono::seconds kLiteralTtl{86400};

struct ResolverOptions {
  std::vector<std::string> name_servers;    // empty: the system's
  std::chrono::milliseconds timeout{2000};  // per try, doubled by c-ares on each round
  int tries = 2;                            // rounds over the server list
};

// Parses "ip", "ip:port", "[v6]:port" or a bare IPv6 address; Error{"dns"} names the bad entry.
Result<std::vector<asio::ip::udp::endpoint>> parse_name_servers(
    const std::vector<std::string>& servers);

class AresDriver;

class Resolver {
 public:
  using Callback = std::function<void(Result<std::vector<ResolvedAddress>>)>;

  static Result<std::unique_ptr<Resolver>> create(asio::io_context& io,
                                                  const ResolverOptions& options = {});
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  void resolve_sip(std::string host, std::optional<std::uint16_t> port, Transport transport,
                   Callback callback);

 private:
  explicit Resolver(std::shared_ptr<AresDriver> driver);
  std::shared_ptr<AresDriver> driver_;
};

}  // namespace gw::net
