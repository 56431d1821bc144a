// AresDriver: runs one c-ares channel on an asio::io_context, without any thread.
//
// Contract:
// - c-ares tells us (sock_state_cb) which sockets it wants watched for reading/writing; each one
//   gets an asio::posix::stream_descriptor waiting for readiness, and readiness is handed back to
//   c-ares with ares_process_fd(). A steady_timer set from ares_timeout() drives retries and
//   timeouts. The descriptors never own the sockets (released before c-ares closes them).
// - Asio's epoll reactor is edge-triggered and a readiness wait does not look at the current
//   state, so after arming a wait the driver polls the socket once (zero timeout) and processes
//   it at once when it is already ready; no readiness edge is lost.
// - Callers start queries with channel() and then call kick() so the timer follows.
// - The driver is owned through shared_ptr; pending Asio handlers hold only weak_ptrs.
//   shutdown() (also run by the destructor) destroys the channel: c-ares then calls every
//   pending query callback with ARES_EDESTRUCTION, synchronously, inside shutdown().
// - Single-threaded: use it from the thread running the io_context.
#pragma once
#include <ares.h>

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace gw::net {

struct AresSettings {
  std::vector<asio::ip::udp::endpoint> servers;  // empty: /etc/resolv.conf
  std::chrono::milliseconds timeout{2000};       // first try; c-ares doubles it per round
  int tries = 2;
};

class AresDriver : public std::enable_shared_from_this<AresDriver> {
 public:
  static Result<std::shared_ptr<AresDriver>> create(asio::io_context& io,
                                                    const AresSettings& settings);
  ~AresDriver();
  AresDriver(const AresDriver&) = delete;
  AresDriver& operator=(const AresDriver&) = delete;

  ares_channel channel() const { return channel_; }
  asio::io_context& io() const { return io_; }
  void kick();
  void shutdown();

 private:
  struct Watch {
    explicit Watch(asio::io_context& io, int fd, std::uint64_t gen)
        : descriptor(io, fd), generation(gen) {}
    asio::posix::stream_descriptor descriptor;
    std::uint64_t generation;
    bool want_read = false;
    bool want_write = false;
    bool read_armed = false;
    bool write_armed = false;
  };

  explicit AresDriver(asio::io_context& io);
  static void on_sock_state(void* data, ares_socket_t fd, int readable, int writable);
  void sock_state(ares_socket_t fd, bool readable, bool writable);
  void arm(ares_socket_t fd);
  void ready(ares_socket_t fd, std::uint64_t generation, bool read);
  void process(ares_socket_t read_fd, ares_socket_t write_fd);

  asio::io_context& io_;
  ares_channel channel_ = nullptr;
  asio::steady_timer timer_;
  std::map<ares_socket_t, std::unique_ptr<Watch>> watches_;
  std::uint64_t next_generation_ = 1;
};

}  // namespace gw::net
