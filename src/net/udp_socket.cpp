#include "net/udp_socket.hpp"

#include <asio/ip/v6_only.hpp>
#include <asio/post.hpp>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>

namespace gw::net {
namespace {

bool is_icmp(const std::error_code& ec) {
  return ec == asio::error::connection_refused || ec == asio::error::host_unreachable ||
         ec == asio::error::network_unreachable;
}

// Reads and discards the socket's error queue (IP_RECVERR); returns how many ICMP errors it
// held. Bounded: the kernel caps the queue by the receive buffer, we cap the loop as well.
std::uint64_t drain_error_queue(int fd) {
  std::uint64_t n = 0;
  for (int i = 0; i < 256; ++i) {
    char data[1];
    char control[512];
    iovec iov{data, sizeof data};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    if (::recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) break;
    ++n;
  }
  return n;
}

}  // namespace

struct UdpSocket::State : std::enable_shared_from_this<State> {
  explicit State(asio::io_context& io_) : io(io_), socket(io_) {}

  asio::io_context& io;
  asio::ip::udp::socket socket;
  asio::ip::udp::endpoint local;
  asio::ip::udp::endpoint from;
  ReceiveHandler on_receive;
  Counters counters;
  bool closed = false;
  std::array<char, 65536> buffer{};  // the largest UDP payload fits

  void receive() {
    auto self = shared_from_this();
    socket.async_receive_from(asio::buffer(buffer), from,
                              [self](const std::error_code& ec, std::size_t n) {
                                self->on_datagram(ec, n);
                              });
  }

  void on_datagram(const std::error_code& ec, std::size_t n) {
    if (closed) return;
    if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) return;
    if (ec) {
      const std::uint64_t icmp = drain_error_queue(socket.native_handle());
      if (icmp > 0 || is_icmp(ec)) {
        counters.icmp_errors += icmp > 0 ? icmp : 1;
      } else {
        ++counters.receive_errors;
      }
    } else {
      ++counters.datagrams_in;
      if (on_receive) on_receive(std::string_view(buffer.data(), n), from);
    }
    if (!closed) receive();
  }

  void shut() {
    closed = true;
    std::error_code ignored;
    socket.close(ignored);
    // Release the handler from a fresh call stack: it may be the one running now.
    asio::post(io, [self = shared_from_this()] { self->on_receive = nullptr; });
  }
};

UdpSocket::UdpSocket(std::shared_ptr<State> state) : state_(std::move(state)) {}

UdpSocket::~UdpSocket() { close(); }

asio::ip::udp::endpoint UdpSocket::ephemeral_for(const asio::ip::address& peer) {
  return peer.is_v6() ? asio::ip::udp::endpoint(asio::ip::udp::v6(), 0)
                      : asio::ip::udp::endpoint(asio::ip::udp::v4(), 0);
}

Result<std::shared_ptr<UdpSocket>> UdpSocket::open(asio::io_context& io,
                                                   const asio::ip::udp::endpoint& local,
                                                   ReceiveHandler on_receive) {
  auto state = std::make_shared<State>(io);
  std::error_code ec;
  state->socket.open(local.protocol(), ec);
  if (!ec && local.address().is_v6()) state->socket.set_option(asio::ip::v6_only(true), ec);
  if (!ec) {
    // Linux reports ICMP errors on an unconnected UDP socket only with IP(V6)_RECVERR; with it
    // they arrive as receive errors plus error-queue entries, which we count and discard.
    const int on = 1;
    const bool v6 = local.address().is_v6();
    if (::setsockopt(state->socket.native_handle(), v6 ? IPPROTO_IPV6 : IPPROTO_IP,
                     v6 ? IPV6_RECVERR : IP_RECVERR, &on, sizeof on) != 0) {
      ec = std::error_code(errno, std::system_category());
    }
  }
  if (!ec) state->socket.bind(local, ec);
  if (!ec) state->local = state->socket.local_endpoint(ec);
  if (ec) {
    return fail("io", "cannot bind UDP " + local.address().to_string() + ":" +
                          std::to_string(local.port()) + ": " + ec.message());
  }
  state->on_receive = std::move(on_receive);
  state->receive();
  return std::shared_ptr<UdpSocket>(new UdpSocket(std::move(state)));
}

void UdpSocket::send_to(std::string bytes, const asio::ip::udp::endpoint& to) {
  if (state_->closed) return;
  auto data = std::make_shared<std::string>(std::move(bytes));
  auto self = state_;
  state_->socket.async_send_to(asio::buffer(*data), to,
                               [self, data](const std::error_code& ec, std::size_t) {
                                 if (self->closed) return;
                                 if (!ec) {
                                   ++self->counters.datagrams_out;
                                   return;
                                 }
                                 // A send fails either locally (no route, wrong family) or
                                 // because an earlier ICMP error is pending on the socket.
                                 const std::uint64_t icmp =
                                     drain_error_queue(self->socket.native_handle());
                                 self->counters.icmp_errors += icmp;
                                 if (icmp == 0) ++self->counters.send_errors;
                               });
}

void UdpSocket::close() {
  if (!state_->closed) state_->shut();
}

asio::ip::udp::endpoint UdpSocket::local_endpoint() const { return state_->local; }

UdpSocket::Counters UdpSocket::counters() const { return state_->counters; }

}  // namespace gw::net
