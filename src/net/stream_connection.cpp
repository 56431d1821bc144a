#include "net/stream_connection.hpp"

#include <array>
#include <asio/post.hpp>
#include <asio/ssl/stream.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <deque>
#include <optional>

#include "net/error.hpp"
#include "net/tls_context.hpp"

namespace gw::net {

// Everything the pending operations touch. Kept alive by them (shared_from_this), so the
// public object can go away at any time. Invariant: once stage is closed, no user callback
// runs again.
struct StreamConnection::State : std::enable_shared_from_this<State> {
  enum class Stage { idle, connecting, handshaking, open, closed };

  explicit State(asio::io_context& io_) : io(io_), timer(io_) {}

  asio::io_context& io;
  std::shared_ptr<asio::ssl::context> ctx;  // declared before `secure`: outlives it
  asio::steady_timer timer;
  std::optional<asio::ip::tcp::socket> plain;
  std::optional<asio::ssl::stream<asio::ip::tcp::socket>> secure;
  std::string server_name;
  Stage stage = Stage::idle;
  Handlers handlers;
  ConnectHandler on_connected;
  std::deque<std::string> out;
  bool writing = false;
  // One TCP read at a time: 16 KiB bounds memory per connection; framing is the caller's job.
  std::array<char, 16384> in{};

  asio::ip::tcp::socket& lowest() { return secure ? secure->next_layer() : *plain; }

  template <class F>
  void with_stream(F&& f) {
    if (secure) {
      f(*secure);
    } else {
      f(*plain);
    }
  }

  void connect(const asio::ip::tcp::endpoint& remote, Duration timeout) {
    stage = Stage::connecting;
    auto self = shared_from_this();
    timer.expires_after(timeout);
    timer.async_wait([self](const std::error_code& ec) {
      if (ec) return;
      if (self->stage == Stage::connecting || self->stage == Stage::handshaking) {
        self->fail_connect(Error{"timeout", self->stage == Stage::connecting
                                                ? "connect timed out"
                                                : "TLS handshake timed out"});
      }
    });
    lowest().async_connect(remote, [self](const std::error_code& ec) { self->on_tcp(ec); });
  }

  void on_tcp(const std::error_code& ec) {
    if (stage != Stage::connecting) return;
    if (ec) return fail_connect(classify(ec, Phase::connect));
    std::error_code ignored;
    lowest().set_option(asio::ip::tcp::no_delay(true), ignored);
    if (!secure) return established();
    if (auto s = set_peer_identity(secure->native_handle(), server_name); !s) {
      return fail_connect(s.error());
    }
    stage = Stage::handshaking;
    auto self = shared_from_this();
    secure->async_handshake(asio::ssl::stream_base::client,
                            [self](const std::error_code& e) { self->on_handshake(e); });
  }

  void on_handshake(const std::error_code& ec) {
    if (stage != Stage::handshaking) return;
    if (ec) {
      Error e = classify(ec, Phase::handshake);
      const std::string verify = verify_failure_text(secure->native_handle());
      if (!verify.empty()) e = Error{"tls", "certificate verification failed: " + verify};
      return fail_connect(e);
    }
    established();
  }

  void established() {
    timer.cancel();
    stage = Stage::open;
    ConnectHandler cb = std::move(on_connected);
    on_connected = nullptr;
    if (cb) cb(Ok{});
    if (stage != Stage::open) return;
    read();
    flush();
  }

  void read() {
    auto self = shared_from_this();
    with_stream([&](auto& s) {
      s.async_read_some(asio::buffer(in),
                        [self](const std::error_code& ec, std::size_t n) { self->on_read(ec, n); });
    });
  }

  void on_read(const std::error_code& ec, std::size_t n) {
    if (stage != Stage::open) return;
    if (ec) return fail(classify(ec, Phase::established));
    if (handlers.on_data) handlers.on_data(std::string_view(in.data(), n));
    if (stage == Stage::open) read();
  }

  void flush() {
    if (stage != Stage::open || writing || out.empty()) return;
    writing = true;
    auto self = shared_from_this();
    with_stream([&](auto& s) {
      asio::async_write(s, asio::buffer(out.front()),
                        [self](const std::error_code& ec, std::size_t) {
                          self->writing = false;
                          if (self->stage != Stage::open) return;
                          if (ec) return self->fail(classify(ec, Phase::established));
                          self->out.pop_front();
                          self->flush();
                        });
    });
  }

  void fail_connect(const Error& e) {
    if (stage == Stage::closed) return;
    shut();
    ConnectHandler cb = std::move(on_connected);
    on_connected = nullptr;
    if (cb) cb(Unexpected{e});
  }

  void fail(const Error& e) {
    if (stage == Stage::closed) return;
    shut();
    auto cb = handlers.on_error;  // a copy: the stored one is released later
    if (cb) cb(e);
  }

  // Closes the socket (pending operations complete with operation_aborted and see `closed`),
  // and releases the user's handlers from a fresh call stack, never under their feet.
  void shut() {
    stage = Stage::closed;
    timer.cancel();
    std::error_code ignored;
    lowest().close(ignored);
    asio::post(io, [self = shared_from_this()] {
      self->handlers = {};
      self->on_connected = nullptr;
      self->out.clear();
    });
  }
};

StreamConnection::StreamConnection(std::shared_ptr<State> state) : state_(std::move(state)) {}

StreamConnection::~StreamConnection() {
  close();
}

std::shared_ptr<StreamConnection> StreamConnection::tcp(asio::io_context& io) {
  auto state = std::make_shared<State>(io);
  state->plain.emplace(io);
  return std::shared_ptr<StreamConnection>(new StreamConnection(std::move(state)));
}

Result<std::shared_ptr<StreamConnection>> StreamConnection::tls(
    asio::io_context& io, std::shared_ptr<asio::ssl::context> ctx, std::string server_name) {
  if (!ctx) return fail("tls", "no TLS context");
  auto state = std::make_shared<State>(io);
  try {
    // ssl::stream has no error_code constructor (SSL_new failing throws).
    state->secure.emplace(io, *ctx);
  } catch (const std::exception& e) {
    return fail("tls", std::string("cannot create TLS stream: ") + e.what());
  }
  state->ctx = std::move(ctx);
  state->server_name = std::move(server_name);
  return std::shared_ptr<StreamConnection>(new StreamConnection(std::move(state)));
}

void StreamConnection::connect(const asio::ip::tcp::endpoint& remote, Duration timeout,
                               Handlers handlers, ConnectHandler on_connected) {
  if (state_->stage != State::Stage::idle) {
    asio::post(state_->io, [cb = std::move(on_connected)] {
      if (cb) cb(fail("io", "connect() called twice or after close()"));
    });
    return;
  }
  state_->handlers = std::move(handlers);
  state_->on_connected = std::move(on_connected);
  state_->connect(remote, timeout);
}

void StreamConnection::send(std::string bytes) {
  if (state_->stage == State::Stage::closed) return;
  state_->out.push_back(std::move(bytes));
  state_->flush();
}

void StreamConnection::close() {
  if (state_->stage != State::Stage::closed) state_->shut();
}

bool StreamConnection::is_open() const {
  return state_->stage == State::Stage::open;
}

Result<asio::ip::tcp::endpoint> StreamConnection::local_endpoint() const {
  std::error_code ec;
  auto ep = state_->lowest().local_endpoint(ec);
  if (ec) return fail("io", ec.message());
  return ep;
}

}  // namespace gw::net
