// Client mode: asio adapter around gw::sccp::CcmSession. See client.hpp.
#include "client.hpp"

#include <memory>

#include "sccp/ccm_session.hpp"
#include "simulator.hpp"

namespace ccmsim {
namespace {

using asio::ip::tcp;
namespace sccp = gw::sccp;

class Client {
 public:
  Client(asio::io_context& io, const ClientOptions& o)
      : io_(io), o_(o), socket_(io), timer_(io), session_(config(o)) {}

  void start() {
    (void)session_.open(now());
    socket_.async_connect(o_.server, [this](std::error_code ec) {
      if (ec) {
        (void)session_.on_connect_failed(now());
      } else {
        (void)session_.on_connected(now());
        (void)session_.promote(now());
        read();
      }
      step();
    });
  }
  int result() const { return result_; }

 private:
  static sccp::SessionConfig config(const ClientOptions& o) {
    sccp::SessionConfig c;
    c.keepalive_timeout = std::chrono::duration_cast<gw::Duration>(
        std::chrono::duration<double>(o.keepalive_timeout_s));
    c.registration_retries = o.registration_retries;
    c.local_ip = 0x0100007f;  // 127.0.0.1 in network byte order
    c.devices = {{o.device, o.type, 4}};
    return c;
  }
  static gw::TimePoint now() { return gw::SteadyClock::now(); }

  void read() {
    socket_.async_read_some(asio::buffer(buf_), [this](std::error_code ec, std::size_t n) {
      if (ec) {
        if (socket_.is_open()) (void)session_.on_closed(now());
      } else {
        session_.on_bytes(now(), std::string_view(buf_.data(), n));
        if (socket_.is_open()) read();
      }
      step();
    });
  }

  // After every input: send output, handle events, re-arm the timer.
  void step() {
    out_ += session_.take_output();
    for (auto& e : session_.take_events()) {
      if (auto* r = std::get_if<sccp::session_event::Registered>(&e)) {
        say("client registered device=" + r->device + " keepalive_interval_ms=" +
            std::to_string(
                std::chrono::duration_cast<std::chrono::milliseconds>(r->keepalive_interval)
                    .count()));
        out_ += sccp::encode(sccp::IpPort{4000});
      } else if (auto* d = std::get_if<sccp::session_event::Down>(&e)) {
        say("client down reason=" + std::string(sccp::to_string(d->reason)));
        result_ = 1;
        finish();
        return;
      } else if (std::holds_alternative<sccp::session_event::Finished>(e)) {
        say("client unregistered");
        finish();
        return;
      } else if (std::holds_alternative<sccp::session_event::Connected>(e)) {
        say("client connected");
      }
    }
    if (!stopping_ && session_.state() == sccp::SessionState::registered &&
        session_.counters().keepalive_acks >= o_.keepalives) {
      stopping_ = true;
      session_.shutdown(now());
      step();
      return;
    }
    write();
    if (auto d = session_.deadline()) {
      timer_.expires_at(*d);
      timer_.async_wait([this](std::error_code ec) {
        if (ec) return;
        session_.on_timer(now());
        step();
      });
    } else {
      timer_.cancel();
    }
  }

  void write() {
    if (writing_ || out_.empty() || !socket_.is_open()) return;
    writing_ = true;
    auto data = std::make_shared<std::string>(std::exchange(out_, {}));
    asio::async_write(socket_, asio::buffer(*data), [this, data](std::error_code, std::size_t) {
      writing_ = false;
      write();
    });
  }

  void finish() {
    std::error_code ec;
    timer_.cancel();
    socket_.close(ec);
    io_.stop();
  }

  asio::io_context& io_;
  ClientOptions o_;
  tcp::socket socket_;
  asio::steady_timer timer_;
  sccp::CcmSession session_;
  std::array<char, 4096> buf_{};
  std::string out_;
  bool writing_ = false;
  bool stopping_ = false;
  int result_ = 0;
};

}  // namespace

int run_client(const ClientOptions& options) {
  asio::io_context io;
  Client c(io, options);
  c.start();
  io.run();
  return c.result();
}

}  // namespace ccmsim
