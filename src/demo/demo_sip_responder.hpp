// DemoSipResponder: the embedded SIP server of `gatewatch demo` — a tiny UDP responder that
// answers every OPTIONS request with 200 OK (Via, From, To, Call-ID and CSeq copied, a To tag
// added), so the demo needs no outside SIP server. Not a SIP stack: anything that is not an
// OPTIONS request is ignored.
// Contract:
// - start() binds 127.0.0.1:port (or the given address) and answers until stop(); a bind
//   failure is Error{"bind"}. start() after stop() binds again (the demo's "server returns").
// - stop() closes the socket at once: requests get no answer (as a dead server).
// - Bounded: one 4 KiB receive buffer; one answer in flight (a datagram arriving while a send
//   is pending is dropped and counted).
// - answered() counts the 200 OK sent. Single-threaded: its io_context's thread only.
#pragma once
#include <array>
#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace gw::daemon {

// The 200 OK for an OPTIONS request; nullopt when `request` is not an OPTIONS request with
// Via, From, To, Call-ID and CSeq. Pure (exposed for tests).
std::optional<std::string> answer_options(std::string_view request);

class DemoSipResponder {
 public:
  DemoSipResponder(asio::io_context& io, asio::ip::udp::endpoint endpoint);
  ~DemoSipResponder() { stop(); }
  DemoSipResponder(const DemoSipResponder&) = delete;
  DemoSipResponder& operator=(const DemoSipResponder&) = delete;

  Status<> start();
  void stop();
  bool running() const { return socket_.is_open(); }
  std::uint64_t answered() const { return answered_; }
  std::uint64_t dropped() const { return dropped_; }

 private:
  void receive();

  asio::ip::udp::socket socket_;
  asio::ip::udp::endpoint endpoint_;
  asio::ip::udp::endpoint peer_;
  std::array<char, 4096> buffer_{};
  std::string reply_;
  bool sending_ = false;
  std::uint64_t answered_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace gw::daemon
