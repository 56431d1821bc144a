// StreamConnection: one TCP or TLS client connection (SIP over TCP/TLS, SCCP over TCP).
//
// Contract:
// - Create with tcp() or tls(); the caller owns the returned shared_ptr. Internally the socket
//   and buffers live in a state object that every pending Asio operation keeps alive, so the
//   owner may drop its pointer (or call close()) at any time, even from inside one of its own
//   callbacks: pending operations are cancelled and no callback runs after that.
// - connect(endpoint, timeout, handlers, on_connected): TCP connect, then for TLS the handshake
//   with the peer check of tls_context.hpp, both within `timeout`. on_connected gets Ok, or an
//   Error whose code is "refused", "timeout", "tls" (any handshake or certificate failure), or
//   "reset"/"io". After Ok, bytes received are passed to handlers.on_data as they arrive.
// - send(bytes) queues bytes; they are written in order once connected (sends before connect
//   completes wait for it).
// - The first failure after connect (peer closed: "reset"; TLS error: "tls"; other: "io") is
//   reported once through handlers.on_error, and the connection is then closed.
// - The handler functions are released soon after close (not inside close()), so a handler may
//   close the connection and keep using its own captures until it returns. Handlers must not
//   hold a strong reference to the connection's owner if the owner holds the connection.
// - Single-threaded: call it only from the io_context's thread; the io_context must outlive
//   the connection (and run until its handlers drain).
#pragma once
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/ssl/context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "base/time.hpp"

namespace gw::net {

class StreamConnection {
 public:
  struct Handlers {
    std::function<void(std::string_view bytes)> on_data;
    std::function<void(const Error& error)> on_error;
  };
  using ConnectHandler = std::function<void(Status<> result)>;

  static std::shared_ptr<StreamConnection> tcp(asio::io_context& io);
  // server_name: the DNS name or IP literal the certificate must match (see tls_context.hpp).
  static Result<std::shared_ptr<StreamConnection>> tls(asio::io_context& io,
                                                       std::shared_ptr<asio::ssl::context> ctx,
                                                       std::string server_name);
  ~StreamConnection();
  StreamConnection(const StreamConnection&) = delete;
  StreamConnection& operator=(const StreamConnection&) = delete;

  void connect(const asio::ip::tcp::endpoint& remote, Duration timeout, Handlers handlers,
               ConnectHandler on_connected);
  void send(std::string bytes);
  void close();

  bool is_open() const;
  // The local address the kernel chose (for Via sent-by); Error "io" when not connected.
  Result<asio::ip::tcp::endpoint> local_endpoint() const;

  struct State;

 private:
  explicit StreamConnection(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
};

}  // namespace gw::net
