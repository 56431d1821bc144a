// SccpGroupConnection::shutdown() against a small in-test CallManager on loopback: the
// registered device sends Unregister, the connection waits for UnregisterAck (bounded by
// options.shutdown_timeout) and only then closes and reports done.
#if defined(__GNUC__) && !defined(__clang__)  // g++ 12: false positive on variants of strings
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "net/sccp_connection.hpp"

#include <gtest/gtest.h>

#include <array>
#include <asio/ip/tcp.hpp>
#include <asio/write.hpp>
#include <string>
#include <vector>

#include "sccp/framer.hpp"
#include "sccp/messages.hpp"
#include "test_support.hpp"

namespace gw::net {
namespace {

// Accepts one connection; answers Register with RegisterAck, KeepAlive with KeepAliveAck and,
// when ack_unregister, Unregister with UnregisterAck. Records the names of what it received.
class FakeCcm {
 public:
  FakeCcm(asio::io_context& io, bool ack_unregister)
      : acceptor_(io, {asio::ip::make_address("127.0.0.1"), 0}),
        socket_(io),
        ack_unregister_(ack_unregister) {
    acceptor_.async_accept(socket_, [this](const std::error_code& ec) {
      if (!ec) read();
    });
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  bool got(std::string_view name) const {
    for (const auto& r : received)
      if (r == name) return true;
    return false;
  }

  std::vector<std::string> received;
  bool unregister_acked = false;
  bool closed = false;  // EOF from gatewatch's side

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buf_), [this](const std::error_code& ec, std::size_t n) {
      if (ec) {
        closed = true;
        return;
      }
      ASSERT_TRUE(framer_.feed(std::string_view(buf_.data(), n)).ok());
      while (auto frame = framer_.pop()) {
        auto m = sccp::decode(*frame);
        ASSERT_TRUE(m.ok());
        received.emplace_back(sccp::name(*m));
        handle(*m);
      }
      read();
    });
  }
  void handle(const sccp::Message& m) {
    if (std::holds_alternative<sccp::Register>(m)) {
      send(sccp::RegisterAck{});
    } else if (std::holds_alternative<sccp::KeepAlive>(m)) {
      send(sccp::KeepAliveAck{});
    } else if (std::holds_alternative<sccp::Unregister>(m) && ack_unregister_) {
      send(sccp::UnregisterAck{0});
      unregister_acked = true;
    }
  }
  void send(const sccp::Message& m) {  // a few bytes on loopback: a blocking write is fine
    std::error_code ec;
    asio::write(socket_, asio::buffer(sccp::encode(m)), ec);
  }

  asio::ip::tcp::acceptor acceptor_;
  asio::ip::tcp::socket socket_;
  bool ack_unregister_;
  sccp::Framer framer_;
  std::array<char, 4096> buf_{};
};

sccp::GroupConfig one_ccm(std::uint16_t port) {
  sccp::GroupConfig g;
  g.group = 1;
  g.ccms.push_back(sccp::CcmConfig{1, "127.0.0.1", port, 1});
  g.devices.push_back(sccp::Device{"CFB1", sccp::kDeviceTypeConference, 4});
  return g;
}

struct Wire {
  asio::io_context io;
  bool registered = false;
  std::vector<sccp::GroupEvent> events;
  SccpGroupConnection::EventsFn on_events() {
    return [this](std::vector<sccp::GroupEvent> es) {
      for (auto& e : es) {
        if (std::holds_alternative<sccp::group_event::Registered>(e)) registered = true;
        events.push_back(std::move(e));
      }
    };
  }
};

TEST(SccpGroupConnection, ShutdownUnregistersAndClosesOnlyAfterTheAck) {
  Wire r;
  FakeCcm ccm(r.io, true);
  SccpGroupConnection conn(r.io, one_ccm(ccm.port()), {seconds(3), seconds(5)}, nullptr,
                           r.on_events());
  conn.start();
  ASSERT_TRUE(test::run_until(r.io, [&] { return r.registered; }));
  bool done = false;
  bool acked_before_done = false;
  conn.shutdown([&] {
    done = true;
    acked_before_done = ccm.unregister_acked;
  });
  EXPECT_FALSE(done);  // waits for the CCM
  ASSERT_TRUE(test::run_until(r.io, [&] { return done && ccm.closed; }));
  EXPECT_TRUE(ccm.got("Unregister"));
  EXPECT_TRUE(acked_before_done);
}

TEST(SccpGroupConnection, ShutdownWithoutAnAckEndsAtItsBound) {
  Wire r;
  FakeCcm ccm(r.io, false);
  SccpGroupConnection conn(r.io, one_ccm(ccm.port()), {seconds(3), milliseconds(100)}, nullptr,
                           r.on_events());
  conn.start();
  ASSERT_TRUE(test::run_until(r.io, [&] { return r.registered; }));
  bool done = false;
  const auto t0 = SteadyClock::now();
  conn.shutdown([&] { done = true; });
  ASSERT_TRUE(test::run_until(r.io, [&] { return done && ccm.closed; }));
  EXPECT_GE(SteadyClock::now() - t0, milliseconds(100));  // it did wait for the ack
  EXPECT_TRUE(ccm.got("Unregister"));
}

TEST(SccpGroupConnection, ShutdownOfAStoppedConnectionIsDoneAtOnce) {
  Wire r;
  SccpGroupConnection conn(r.io, one_ccm(9), {}, nullptr, r.on_events());
  bool done = false;
  conn.shutdown([&] { done = true; });
  EXPECT_TRUE(done);
}

}  // namespace
}  // namespace gw::net
