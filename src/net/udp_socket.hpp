// UdpSocket: one UDP socket for sending requests and receiving the answers (SIP over UDP).
//
// Contract:
// - open(io, local, on_receive) binds to `local` (use ephemeral_for(peer) for "any address of
//   the peer's family, port chosen by the kernel"); an IPv6 socket is IPv6-only. Binding
//   failure is Error{"io", ...}. The receive loop starts at once: every datagram (up to 64 KiB,
//   the UDP maximum) is passed to on_receive with its sender and its arrival time (the
//   kernel's receive timestamp, so pacing and a busy loop do not shift it). A readable socket
//   is drained with recvmmsg, up to 32 datagrams per system call, each into a 2 KiB slot of
//   one compact area (a larger one spills into a 64 KiB area and is joined), so a batch of
//   SIP answers keeps a few pages resident, not one per datagram. The receive buffer is set to
//   kReceiveBuffer (4 MiB; beyond net.core.rmem_max only with CAP_NET_ADMIN) so bursts of answers
//   survive the daemon being preempted.
// - Receive pacing (set_receive_pacing(p), off by default): after a read that found 2 or more
//   datagrams, the socket is read again p later from a timer instead of on the next readiness,
//   so a steady stream of answers costs one wake-up per p instead of one per answer or two. A
//   quiet socket (0 or 1 datagram per read) is read at readiness as without pacing. An answer
//   may then wait up to p before on_receive sees it.
// - send_to() queues one datagram; the queue is flushed with sendmmsg (up to 32 datagrams, any
//   mix of destinations, per system call) once the current handler returns, so the probes a
//   timer tick starts leave in a few system calls. The bytes are copied into one send buffer
//   that keeps its capacity (up to 1 MiB) between flushes; at most 2^17 datagrams wait (more
//   are dropped and counted in send_errors). Send failures are
//   counted, never reported as fatal.
// - ICMP errors (port/host/network unreachable) are swallowed and counted in icmp_errors; the
//   socket keeps working. Linux only reports them on an unconnected socket with IP_RECVERR /
//   IPV6_RECVERR, which open() sets; they then surface as a receive (or send) error plus an
//   error-queue entry, which is drained. Other receive errors are counted in receive_errors and
//   the loop goes on; local send failures (no route, wrong family) in send_errors.
// - The caller owns the shared_ptr; close() or destroying it stops the loop and on_receive is
//   never called again (also safe from inside on_receive). Single-threaded: the io_context's
//   thread only; the io_context must outlive the socket.
#pragma once
#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"

namespace gw::net {

class UdpSocket {
 public:
  // `arrived`: when the kernel took the datagram in (SO_TIMESTAMPNS), on the steady clock; the
  // time of the read when the kernel gave no usable timestamp.
  using ReceiveHandler = std::function<void(
      std::string_view bytes, const asio::ip::udp::endpoint& from, TimePoint arrived)>;

  struct Counters {
    std::uint64_t datagrams_in = 0;
    std::uint64_t datagrams_out = 0;
    std::uint64_t icmp_errors = 0;
    std::uint64_t send_errors = 0;
    std::uint64_t receive_errors = 0;
  };

  static Result<std::shared_ptr<UdpSocket>> open(asio::io_context& io,
                                                 const asio::ip::udp::endpoint& local,
                                                 ReceiveHandler on_receive);
  // The unspecified address of `peer`'s family with port 0.
  static asio::ip::udp::endpoint ephemeral_for(const asio::ip::address& peer);

  ~UdpSocket();
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;

  void send_to(std::string_view bytes, const asio::ip::udp::endpoint& to);
  void close();
  void set_receive_pacing(Duration pace);

  asio::ip::udp::endpoint local_endpoint() const;
  Counters counters() const;
  // The socket's receive buffer as the kernel reports it (SO_RCVBUF: twice the bytes asked
  // for); 0 once closed.
  int receive_buffer() const;
  static constexpr int kReceiveBuffer = 4 << 20;

  struct State;

 private:
  explicit UdpSocket(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

}  // namespace gw::net
