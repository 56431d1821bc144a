#include "net/ares_driver.hpp"

#include <poll.h>

#include <asio/post.hpp>
#include <cstring>
#include <mutex>

namespace gw::net {
namespace {

Status<> library_init() {
  static std::once_flag once;
  static int status = ARES_SUCCESS;
  std::call_once(once, [] { status = ares_library_init(ARES_LIB_INIT_ALL); });
  if (status != ARES_SUCCESS) return fail("dns", ares_strerror(status));
  return Ok{};
}

// The server list as c-ares wants it: a linked list of nodes (storage owned by the vector).
std::vector<ares_addr_port_node> to_nodes(const std::vector<asio::ip::udp::endpoint>& servers) {
  std::vector<ares_addr_port_node> nodes(servers.size());
  for (std::size_t i = 0; i < servers.size(); ++i) {
    ares_addr_port_node& n = nodes[i];
    std::memset(&n, 0, sizeof n);
    const asio::ip::address a = servers[i].address();
    if (a.is_v4()) {
      n.family = AF_INET;
      const auto bytes = a.to_v4().to_bytes();
      std::memcpy(&n.addr.addr4, bytes.data(), bytes.size());
    } else {
      n.family = AF_INET6;
      const auto bytes = a.to_v6().to_bytes();
      std::memcpy(&n.addr.addr6, bytes.data(), bytes.size());
    }
    n.udp_port = servers[i].port();
    n.tcp_port = servers[i].port();
    n.next = i + 1 < servers.size() ? &nodes[i + 1] : nullptr;
  }
  return nodes;
}

}  // namespace

AresDriver::AresDriver(asio::io_context& io) : io_(io), timer_(io) {}

Result<std::shared_ptr<AresDriver>> AresDriver::create(asio::io_context& io,
                                                       const AresSettings& settings) {
  if (auto s = library_init(); !s) return Unexpected{s.error()};
  std::shared_ptr<AresDriver> d(new AresDriver(io));

  ares_options opts{};
  int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES;
  opts.sock_state_cb = &AresDriver::on_sock_state;
  opts.sock_state_cb_data = d.get();
  opts.timeout = static_cast<int>(settings.timeout.count());
  opts.tries = settings.tries;
  char lookups[] = "b";
  if (!settings.servers.empty()) {
    // Explicit servers (IOS `ip name-server`): DNS only, no hosts file, no search domains.
    mask |= ARES_OPT_LOOKUPS | ARES_OPT_DOMAINS;
    opts.lookups = lookups;
    opts.domains = nullptr;
    opts.ndomains = 0;
  }
  int status = ares_init_options(&d->channel_, &opts, mask);
  if (status != ARES_SUCCESS) {
    d->channel_ = nullptr;
    return fail("dns", std::string("cannot initialise resolver: ") + ares_strerror(status));
  }
  if (!settings.servers.empty()) {
    auto nodes = to_nodes(settings.servers);
    status = ares_set_servers_ports(d->channel_, nodes.data());
    if (status != ARES_SUCCESS) {
      return fail("dns", std::string("cannot set name servers: ") + ares_strerror(status));
    }
  }
  return d;
}

AresDriver::~AresDriver() {
  shutdown();
}

void AresDriver::shutdown() {
  timer_.cancel();
  if (channel_ != nullptr) {
    ares_channel ch = channel_;
    channel_ = nullptr;
    ares_destroy(ch);  // calls sock_state(fd, 0, 0) for each socket, releasing our watches
  }
  for (auto& [fd, w] : watches_) w->descriptor.release();
  watches_.clear();
}

void AresDriver::on_sock_state(void* data, ares_socket_t fd, int readable, int writable) {
  static_cast<AresDriver*>(data)->sock_state(fd, readable != 0, writable != 0);
}

void AresDriver::sock_state(ares_socket_t fd, bool readable, bool writable) {
  auto it = watches_.find(fd);
  if (!readable && !writable) {
    if (it != watches_.end()) {
      // Cancels pending waits (they complete with operation_aborted) and gives the socket
      // back without closing it: c-ares closes it right after this callback.
      it->second->descriptor.release();
      watches_.erase(it);
    }
    return;
  }
  if (it == watches_.end()) {
    it = watches_.emplace(fd, std::make_unique<Watch>(io_, fd, next_generation_++)).first;
  }
  it->second->want_read = readable;
  it->second->want_write = writable;
  arm(fd);
}

void AresDriver::arm(ares_socket_t fd) {
  auto it = watches_.find(fd);
  if (it == watches_.end()) return;
  Watch& w = *it->second;
  std::weak_ptr<AresDriver> weak = weak_from_this();
  const std::uint64_t gen = w.generation;
  if (w.want_read && !w.read_armed) {
    w.read_armed = true;
    w.descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                            [weak, fd, gen](const std::error_code& ec) {
                              auto self = weak.lock();
                              if (!self || ec == asio::error::operation_aborted) return;
                              self->ready(fd, gen, true);
                            });
  }
  if (w.want_write && !w.write_armed) {
    w.write_armed = true;
    w.descriptor.async_wait(asio::posix::stream_descriptor::wait_write,
                            [weak, fd, gen](const std::error_code& ec) {
                              auto self = weak.lock();
                              if (!self || ec == asio::error::operation_aborted) return;
                              self->ready(fd, gen, false);
                            });
  }
  // Catch readiness that happened before the wait was queued (see the header).
  pollfd p{fd, static_cast<short>((w.want_read ? POLLIN : 0) | (w.want_write ? POLLOUT : 0)), 0};
  if (::poll(&p, 1, 0) > 0 && p.revents != 0) {
    const bool rd = (p.revents & (POLLIN | POLLERR | POLLHUP)) != 0;
    asio::post(io_, [weak, fd, gen, rd] {
      if (auto self = weak.lock()) {
        auto w2 = self->watches_.find(fd);
        if (w2 == self->watches_.end() || w2->second->generation != gen) return;
        self->process(rd ? fd : ARES_SOCKET_BAD, rd ? ARES_SOCKET_BAD : fd);
      }
    });
  }
}

void AresDriver::ready(ares_socket_t fd, std::uint64_t generation, bool read) {
  auto it = watches_.find(fd);
  if (it == watches_.end() || it->second->generation != generation) return;
  (read ? it->second->read_armed : it->second->write_armed) = false;
  const bool wanted = read ? it->second->want_read : it->second->want_write;
  if (wanted) {
    process(read ? fd : ARES_SOCKET_BAD, read ? ARES_SOCKET_BAD : fd);
  } else {
    kick();
  }
}

void AresDriver::process(ares_socket_t read_fd, ares_socket_t write_fd) {
  if (channel_ == nullptr) return;
  ares_process_fd(channel_, read_fd, write_fd);
  // Re-arm whatever c-ares still wants (waits that fired are no longer armed).
  std::vector<ares_socket_t> fds;
  for (const auto& [fd, w] : watches_) fds.push_back(fd);
  for (ares_socket_t fd : fds) arm(fd);
  kick();
}

void AresDriver::kick() {
  if (channel_ == nullptr) return;
  timeval tv{};
  timeval* next = ares_timeout(channel_, nullptr, &tv);
  if (next == nullptr) {
    timer_.cancel();
    return;
  }
  timer_.expires_after(std::chrono::seconds(next->tv_sec) +
                       std::chrono::microseconds(next->tv_usec));
  std::weak_ptr<AresDriver> weak = weak_from_this();
  timer_.async_wait([weak](const std::error_code& ec) {
    if (ec) return;
    if (auto self = weak.lock()) self->process(ARES_SOCKET_BAD, ARES_SOCKET_BAD);
  });
}

}  // namespace gw::net
