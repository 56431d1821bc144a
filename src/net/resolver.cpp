#include "net/resolver.hpp"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>

#include <algorithm>
#include <asio/post.hpp>
#include <cstring>

#include "net/ares_driver.hpp"
#include "net/srv_records.hpp"

namespace gw::net {
namespace {

std::string strip_brackets(const std::string& host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

// One resolve_sip() call in flight. Shared by the c-ares callbacks of its lookups.
struct Query {
  Query(asio::io_context& io_, std::weak_ptr<AresDriver> d) : io(io_), driver(std::move(d)) {}
  asio::io_context& io;
  std::weak_ptr<AresDriver> driver;
  std::string host;
  Resolver::Callback callback;
  std::optional<std::chrono::seconds> srv_ttl;  // set when the targets came from SRV
  std::vector<SrvRecord> targets;
  std::vector<std::vector<ResolvedAddress>> found;  // per target, in target order
  std::optional<Error> first_error;
  std::size_t pending = 0;
};

// The argument handed to one c-ares callback; freed by that callback (called exactly once).
struct Lookup {
  std::shared_ptr<Query> query;
  std::size_t index = 0;
};

void deliver(const std::shared_ptr<Query>& q, Result<std::vector<ResolvedAddress>> result) {
  asio::post(q->io,
             [weak = q->driver, cb = std::move(q->callback), r = std::move(result)]() mutable {
               if (weak.expired()) return;  // the Resolver is gone: drop, as the contract says
               cb(std::move(r));
             });
}

void complete(const std::shared_ptr<Query>& q) {
  std::vector<ResolvedAddress> all;
  for (auto& list : q->found) {
    for (auto& a : list) {
      const bool dup = std::any_of(all.begin(), all.end(), [&](const ResolvedAddress& b) {
        return b.address == a.address && b.port == a.port;
      });
      if (!dup) all.push_back(a);
    }
  }
  if (all.empty()) {
    deliver(q, Unexpected{q->first_error.value_or(Error{"dns", q->host + ": no address"})});
    return;
  }
  deliver(q, std::move(all));
}

std::optional<asio::ip::address> to_address(const sockaddr* sa) {
  if (sa->sa_family == AF_INET) {
    sockaddr_in in;
    std::memcpy(&in, sa, sizeof in);
    return asio::ip::address_v4(ntohl(in.sin_addr.s_addr));
  }
  if (sa->sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, sa, sizeof in6);
    asio::ip::address_v6::bytes_type bytes;
    std::memcpy(bytes.data(), &in6.sin6_addr, bytes.size());
    return asio::ip::address_v6(bytes, in6.sin6_scope_id);
  }
  return std::nullopt;
}

void on_addrinfo(void* arg, int status, int /*timeouts*/, ares_addrinfo* res) {
  std::unique_ptr<Lookup> lookup(static_cast<Lookup*>(arg));
  std::shared_ptr<Query> q = lookup->query;
  if (status == ARES_EDESTRUCTION) {
    if (res != nullptr) ares_freeaddrinfo(res);
    return;
  }
  const SrvRecord& target = q->targets[lookup->index];
  if (status == ARES_SUCCESS && res != nullptr) {
    int cname_ttl = -1;
    for (ares_addrinfo_cname* c = res->cnames; c != nullptr; c = c->next) {
      cname_ttl = cname_ttl < 0 ? c->ttl : std::min(cname_ttl, c->ttl);
    }
    for (ares_addrinfo_node* n = res->nodes; n != nullptr; n = n->ai_next) {
      auto address = to_address(n->ai_addr);
      if (!address) continue;
      int ttl = std::max(n->ai_ttl, 0);
      if (cname_ttl >= 0) ttl = std::min(ttl, cname_ttl);
      std::chrono::seconds secs(ttl);
      if (q->srv_ttl) secs = std::min(secs, *q->srv_ttl);
      q->found[lookup->index].push_back(ResolvedAddress{*address, target.port, secs});
    }
  } else if (!q->first_error) {
    q->first_error = Error{"dns", target.target + ": " + ares_strerror(status)};
  }
  if (res != nullptr) ares_freeaddrinfo(res);
  if (--q->pending == 0) complete(q);
}

void start_address_lookups(const std::shared_ptr<Query>& q, AresDriver& driver) {
  q->found.assign(q->targets.size(), {});
  q->pending = q->targets.size();
  // Copy: a lookup may finish synchronously and the vector must stay put meanwhile.
  const std::vector<SrvRecord> targets = q->targets;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    ares_addrinfo_hints hints{};
    hints.ai_family = AF_UNSPEC;  // AAAA and A
    ares_getaddrinfo(driver.channel(), targets[i].target.c_str(), nullptr, &hints, &on_addrinfo,
                     new Lookup{q, i});
  }
  driver.kick();
}

void on_srv(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
  std::unique_ptr<Lookup> lookup(static_cast<Lookup*>(arg));
  std::shared_ptr<Query> q = lookup->query;
  if (status == ARES_EDESTRUCTION) return;
  auto driver = q->driver.lock();
  if (!driver) return;
  const std::uint16_t default_port = q->targets.front().port;
  if (status == ARES_SUCCESS) {
    auto answer = parse_srv_answer(abuf, alen);
    if (answer) {
      q->targets = order_srv(std::move(answer->records));
      q->srv_ttl = answer->ttl;
      start_address_lookups(q, *driver);
      return;
    }
  }
  // No usable SRV answer (NXDOMAIN, no data, server trouble): RFC 3263 §4.2 falls back to the
  // host's own addresses with the default port. If DNS is down, that lookup reports it.
  q->targets = {SrvRecord{q->host, default_port, 0, 0}};
  start_address_lookups(q, *driver);
}

}  // namespace

Result<std::vector<asio::ip::udp::endpoint>> parse_name_servers(
    const std::vector<std::string>& servers) {
  std::vector<asio::ip::udp::endpoint> out;
  for (const std::string& s : servers) {
    std::string host = s;
    unsigned port = 53;
    std::error_code ec;
    asio::ip::make_address(host, ec);  // bare IPv4 or IPv6
    if (ec) {
      const auto colon = s.rfind(':');
      if (colon == std::string::npos || colon + 1 >= s.size() ||
          s.find_first_not_of("0123456789", colon + 1) != std::string::npos ||
          s.size() - colon - 1 > 5) {
        return fail("dns", "bad name server '" + s + "'");
      }
      host = strip_brackets(s.substr(0, colon));
      port = static_cast<unsigned>(std::stoul(s.substr(colon + 1)));
      if (port == 0 || port > 65535) return fail("dns", "bad name server port in '" + s + "'");
    }
    auto address = asio::ip::make_address(host, ec);
    if (ec) return fail("dns", "bad name server address '" + s + "'");
    out.emplace_back(address, static_cast<std::uint16_t>(port));
  }
  return out;
}

Resolver::Resolver(std::shared_ptr<AresDriver> driver) : driver_(std::move(driver)) {}

Resolver::~Resolver() {
  // Destroying the channel runs the pending c-ares callbacks with ARES_EDESTRUCTION; they
  // drop their queries. Already-posted results see the driver expired and are dropped too.
  driver_->shutdown();
}

Result<std::unique_ptr<Resolver>> Resolver::create(asio::io_context& io,
                                                   const ResolverOptions& options) {
  auto servers = parse_name_servers(options.name_servers);
  if (!servers) return Unexpected{servers.error()};
  AresSettings settings;
  settings.servers = std::move(*servers);
  settings.timeout = options.timeout;
  settings.tries = options.tries;
  auto driver = AresDriver::create(io, settings);
  if (!driver) return Unexpected{driver.error()};
  return std::unique_ptr<Resolver>(new Resolver(std::move(*driver)));
}

void Resolver::resolve_sip(std::string host, std::optional<std::uint16_t> port, Transport transport,
                           Callback callback) {
  auto q = std::make_shared<Query>(driver_->io(), driver_);
  q->host = strip_brackets(host);
  q->callback = std::move(callback);
  const auto default_port = static_cast<std::uint16_t>(default_sip_port(transport));

  std::error_code ec;
  const auto literal = asio::ip::make_address(q->host, ec);
  if (!ec) {
    deliver(q, std::vector<ResolvedAddress>{{literal, port.value_or(default_port), kLiteralTtl}});
    return;
  }
  if (q->host.empty() || q->host.size() > 253) {
    deliver(q, fail("dns", "bad host name '" + host + "'"));
    return;
  }
  if (port) {
    q->targets = {SrvRecord{q->host, *port, 0, 0}};
    start_address_lookups(q, *driver_);
    return;
  }
  q->targets = {SrvRecord{q->host, default_port, 0, 0}};  // the fallback, if SRV fails
  const std::string name = srv_query_name(q->host, transport);
  ares_query(driver_->channel(), name.c_str(), ns_c_in, ns_t_srv, &on_srv, new Lookup{q, 0});
  driver_->kick();
}

}  // namespace gw::net
