#include "net/udp_socket.hpp"

#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <asio/bind_allocator.hpp>
#include <asio/ip/v6_only.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <vector>

#include "net/handler_memory.hpp"

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
  explicit State(asio::io_context& io_) : io(io_), socket(io_), pace_timer(io_) {}

  // Batches: up to kBatch datagrams per sendmmsg/recvmmsg call; a readable socket is drained
  // for at most kRounds calls before other handlers get their turn. At most kMaxPending
  // datagrams wait to be sent (beyond: dropped and counted in send_errors).
  static constexpr unsigned kBatch = 32;
  static constexpr int kRounds = 8;
  static constexpr std::size_t kMaxPending = 1u << 17;
  static constexpr std::size_t kMaxDatagram = 65536;  // the largest UDP payload fits
  // Each datagram is read into a small slot of one compact area first (a SIP answer fits in
  // it), and only a larger one spills into its own part of a big area, then is joined. So a
  // batch of answers touches a few pages, not one page per slot 64 KiB apart (each of which
  // would stay resident once touched).
  static constexpr std::size_t kSmallSlot = 2048;
  static constexpr std::size_t kSpillSlot = kMaxDatagram - kSmallSlot;
  static constexpr std::size_t kControlSpace =
      CMSG_SPACE(sizeof(timespec)) + 64;  // + room for others

  // A queued datagram: its bytes are out_bytes[offset, offset + size).
  struct Pending {
    std::size_t offset;
    std::size_t size;
    asio::ip::udp::endpoint to;
  };
  // Beyond this, out_bytes gives its memory back once the queue is empty.
  static constexpr std::size_t kKeptSendBuffer = 1u << 20;

  asio::io_context& io;
  asio::ip::udp::socket socket;
  asio::steady_timer pace_timer;
  Duration pace{};  // set_receive_pacing()
  asio::ip::udp::endpoint local;
  ReceiveHandler on_receive;
  Counters counters;
  bool closed = false;
  // One block of kBatch * kMaxDatagram (2 MiB: mapped by malloc on its own, off the heap, its
  // pages resident only once touched): the small slots first, then the spill slots.
  std::unique_ptr<char[]> rbuf;
  char* small_area() const { return rbuf.get(); }
  char* spill_area() const { return rbuf.get() + kBatch * kSmallSlot; }
  std::string joined;  // a spilled datagram, made contiguous
  std::vector<Pending> pending;
  std::string out_bytes;  // every queued datagram, back to back; capacity reused
  std::size_t head = 0;
  bool flush_posted = false;
  bool waiting_write = false;
  HandlerMemory flush_memory;  // the posted flush handler's (see handler_memory.hpp)

  void receive() {
    auto self = shared_from_this();
    socket.async_wait(asio::socket_base::wait_read,
                      [self](const std::error_code& ec) { self->on_readable(ec); });
  }

  void on_readable(const std::error_code& ec) {
    if (closed) return;
    if (ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) return;
    if (ec) {
      ++counters.receive_errors;
      receive();
      return;
    }
    next_read(drain());
  }

  // After a drain that read `got` datagrams: a busy socket (2 or more) is read again after
  // `pace`, from a timer, without waiting for readiness; a quiet one waits for readiness.
  void next_read(std::size_t got) {
    if (closed) return;
    if (pace <= Duration::zero() || got < 2 || got >= kRounds * kBatch) {
      receive();  // a full drain: more is waiting, readiness fires at once
      return;
    }
    pace_timer.expires_after(pace);
    pace_timer.async_wait([self = shared_from_this()](const std::error_code& ec) {
      if (ec || self->closed) return;
      self->next_read(self->drain());
    });
  }

  void count_error(int err) {
    const std::uint64_t icmp = drain_error_queue(socket.native_handle());
    if (icmp > 0 || is_icmp(std::error_code(err, std::system_category()))) {
      counters.icmp_errors += icmp > 0 ? icmp : 1;
    } else {
      ++counters.receive_errors;
    }
  }

  // Reads what is waiting (at most kRounds * kBatch datagrams); how many were read.
  std::size_t drain() {
    std::size_t got = 0;
    if (!rbuf) rbuf.reset(new char[kBatch * kMaxDatagram]);
    mmsghdr msgs[kBatch];
    iovec iovs[kBatch][2];
    sockaddr_storage names[kBatch];
    alignas(cmsghdr) char controls[kBatch][kControlSpace];
    for (int round = 0; round < kRounds && !closed; ++round) {
      for (unsigned i = 0; i < kBatch; ++i) {
        iovs[i][0] = iovec{small_area() + i * kSmallSlot, kSmallSlot};
        iovs[i][1] = iovec{spill_area() + i * kSpillSlot, kSpillSlot};
        msgs[i] = mmsghdr{};
        msgs[i].msg_hdr.msg_iov = iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 2;
        msgs[i].msg_hdr.msg_name = &names[i];
        msgs[i].msg_hdr.msg_namelen = sizeof names[i];
        msgs[i].msg_hdr.msg_control = controls[i];
        msgs[i].msg_hdr.msg_controllen = kControlSpace;
      }
      const int n = ::recvmmsg(socket.native_handle(), msgs, kBatch, MSG_DONTWAIT, nullptr);
      // Kernel timestamps are CLOCK_REALTIME: mapped onto the steady clock through one pair of
      // readings per call (a wall-clock step between two calls moves no more than one batch).
      const TimePoint steady_now = SteadyClock::now();
      const auto real_now = std::chrono::system_clock::now();
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return got;
        if (errno != EINTR) count_error(errno);
        continue;
      }
      got += static_cast<std::size_t>(n);
      for (int i = 0; i < n && !closed; ++i) {
        ++counters.datagrams_in;
        if (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) {
          ++counters.receive_errors;
          continue;
        }
        asio::ip::udp::endpoint from;
        if (msgs[i].msg_hdr.msg_namelen > from.capacity()) continue;
        std::memcpy(from.data(), &names[i], msgs[i].msg_hdr.msg_namelen);
        from.resize(msgs[i].msg_hdr.msg_namelen);
        const TimePoint arrived = arrival_of(msgs[i].msg_hdr, steady_now, real_now);
        if (on_receive)
          on_receive(datagram(static_cast<unsigned>(i), msgs[i].msg_len), from, arrived);
      }
      if (n < static_cast<int>(kBatch)) return got;
    }
    return got;
  }

  // When the kernel took the datagram in (SO_TIMESTAMPNS), on the steady clock; steady_now
  // when the message carries no timestamp or one from the future or over a second old (a
  // wall-clock step). The kernel turns arrival stamping on asynchronously after the first
  // socket on the machine asks for it; a datagram that arrives before then is stamped when it
  // is read, which is no worse than reading the clock here.
  static TimePoint arrival_of(msghdr& msg, TimePoint steady_now,
                              std::chrono::system_clock::time_point real_now) {
    if (msg.msg_flags & MSG_CTRUNC) return steady_now;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS ||
          c->cmsg_len < CMSG_LEN(sizeof(timespec)))
        continue;
      timespec ts;
      std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
      const auto at = std::chrono::system_clock::time_point(
          std::chrono::duration_cast<std::chrono::system_clock::duration>(
              std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
      const auto age = real_now - at;
      if (age < std::chrono::system_clock::duration::zero() || age > std::chrono::seconds(1))
        return steady_now;
      return steady_now - std::chrono::duration_cast<Duration>(age);
    }
    return steady_now;
  }

  // The bytes of slot i's datagram of `len` bytes: in place when it fit the small slot.
  std::string_view datagram(unsigned i, std::size_t len) {
    const char* small = small_area() + i * kSmallSlot;
    if (len <= kSmallSlot) return {small, len};
    joined.assign(small, kSmallSlot);
    joined.append(spill_area() + i * kSpillSlot, len - kSmallSlot);
    return joined;
  }

  void queue(std::string_view bytes, const asio::ip::udp::endpoint& to) {
    if (pending.size() - head >= kMaxPending) {
      ++counters.send_errors;
      return;
    }
    pending.push_back(Pending{out_bytes.size(), bytes.size(), to});
    out_bytes.append(bytes);
    if (flush_posted || waiting_write) return;
    flush_posted = true;
    asio::post(io, asio::bind_allocator(HandlerAllocator<char>(&flush_memory),
                                        [self = shared_from_this()] {
                                          self->flush_posted = false;
                                          self->flush();
                                        }));
  }

  // Sends the queued datagrams with sendmmsg, kBatch at a time, to any mix of destinations.
  void flush() {
    mmsghdr msgs[kBatch];
    iovec iovs[kBatch];
    while (head < pending.size() && !closed) {
      const unsigned k =
          static_cast<unsigned>(std::min<std::size_t>(kBatch, pending.size() - head));
      for (unsigned i = 0; i < k; ++i) {
        Pending& p = pending[head + i];
        iovs[i] = iovec{out_bytes.data() + p.offset, p.size};
        msgs[i] = mmsghdr{};
        msgs[i].msg_hdr.msg_iov = &iovs[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        msgs[i].msg_hdr.msg_name = p.to.data();
        msgs[i].msg_hdr.msg_namelen = static_cast<socklen_t>(p.to.size());
      }
      const int n = ::sendmmsg(socket.native_handle(), msgs, k, MSG_DONTWAIT);
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          waiting_write = true;
          socket.async_wait(asio::socket_base::wait_write,
                            [self = shared_from_this()](const std::error_code& ec) {
                              self->waiting_write = false;
                              if (!ec && !self->closed) self->flush();
                            });
          return;
        }
        if (errno == EINTR) continue;
        // The first datagram failed: locally (no route, wrong family) or because an earlier
        // ICMP error is pending on the socket. Drop it and go on.
        const std::uint64_t icmp = drain_error_queue(socket.native_handle());
        counters.icmp_errors += icmp;
        if (icmp == 0) ++counters.send_errors;
        ++head;
        continue;
      }
      counters.datagrams_out += static_cast<std::uint64_t>(n);
      head += static_cast<std::size_t>(n);
    }
    clear_queue();
  }

  void clear_queue() {
    pending.clear();
    out_bytes.clear();
    if (out_bytes.capacity() > kKeptSendBuffer) out_bytes.shrink_to_fit();
    head = 0;
  }

  void shut() {
    closed = true;
    std::error_code ignored;
    socket.close(ignored);
    pace_timer.cancel();
    clear_queue();
    // Release the handler from a fresh call stack: it may be the one running now.
    asio::post(io, [self = shared_from_this()] { self->on_receive = nullptr; });
  }
};

UdpSocket::UdpSocket(std::shared_ptr<State> state) : state_(std::move(state)) {}

UdpSocket::~UdpSocket() {
  close();
}

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
  const int on_ts = 1;
  if (!ec) {
    // A large receive buffer: with 100k targets, 10k answers a second arrive, and a daemon
    // preempted for 20 ms on a busy host must not lose them (each loss is a retransmission
    // and, after the attempt's timeout, a false busy-out). SO_RCVBUFFORCE passes rmem_max
    // when the daemon may (CAP_NET_ADMIN); otherwise the kernel caps SO_RCVBUF at rmem_max.
    const int size = kReceiveBuffer;
    const int fd = state->socket.native_handle();
    if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0) {
      (void)::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    }
    // The kernel's arrival time of each datagram (drain()): the end of a keepalive attempt is
    // when its answer arrived, not when a paced or busy loop got to read it.
    (void)::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on_ts, sizeof on_ts);
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

void UdpSocket::send_to(std::string_view bytes, const asio::ip::udp::endpoint& to) {
  if (state_->closed) return;
  state_->queue(bytes, to);
}

void UdpSocket::close() {
  if (!state_->closed) state_->shut();
}

asio::ip::udp::endpoint UdpSocket::local_endpoint() const {
  return state_->local;
}

int UdpSocket::receive_buffer() const {
  int size = 0;
  socklen_t len = sizeof size;
  if (state_->closed ||
      ::getsockopt(state_->socket.native_handle(), SOL_SOCKET, SO_RCVBUF, &size, &len) != 0)
    return 0;
  return size;
}

UdpSocket::Counters UdpSocket::counters() const {
  return state_->counters;
}

void UdpSocket::set_receive_pacing(Duration pace) {
  state_->pace = pace;
}

}  // namespace gw::net
