// TCP client connections against loopback peers made in the test.
#include "net/stream_connection.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <asio/write.hpp>
#include <optional>

#include "test_support.hpp"

namespace gw::net {
namespace {

asio::ip::tcp::endpoint loopback(int port, const char* ip = "127.0.0.1") {
  return {asio::ip::make_address(ip), static_cast<std::uint16_t>(port)};
}

class StreamConnectionTest : public ::testing::Test {
 protected:
  Status<> connect(std::shared_ptr<StreamConnection>& conn, const asio::ip::tcp::endpoint& ep,
                   StreamConnection::Handlers handlers = {},
                   Duration timeout = std::chrono::seconds(5)) {
    conn = StreamConnection::tcp(io_);
    std::optional<Status<>> result;
    conn->connect(ep, timeout, std::move(handlers), [&](Status<> s) { result = s; });
    test::run_until(io_, [&] { return result.has_value(); });
    if (!result) return fail("test", "no connect result");
    return *result;
  }

  asio::io_context io_;
};

// A one-connection echo peer on loopback, driven by the same io_context.
class EchoPeer {
 public:
  EchoPeer(asio::io_context& io, const char* ip)
      : acceptor_(io, {asio::ip::make_address(ip), 0}), socket_(io) {
    acceptor_.async_accept(socket_, [this](const std::error_code& ec) {
      if (!ec) read();
    });
  }
  int port() const { return acceptor_.local_endpoint().port(); }
  void close() {
    std::error_code ignored;
    socket_.close(ignored);
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(buf_), [this](const std::error_code& ec, std::size_t n) {
      if (ec) return;
      asio::async_write(socket_, asio::buffer(buf_.data(), n),
                        [this](const std::error_code& e, std::size_t) {
                          if (!e) read();
                        });
    });
  }
  asio::ip::tcp::acceptor acceptor_;
  asio::ip::tcp::socket socket_;
  std::array<char, 4096> buf_{};
};

TEST_F(StreamConnectionTest, ClosedPortIsRefused) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(conn, loopback(test::free_port()));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "refused");
}

TEST_F(StreamConnectionTest, ClosedPortOnIpv6IsRefused) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(conn, loopback(test::free_port("::1"), "::1"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "refused");
}

TEST_F(StreamConnectionTest, EchoesInOrderOverIpv4AndIpv6) {
  for (const char* ip : {"127.0.0.1", "::1"}) {
    EchoPeer peer(io_, ip);
    std::string got;
    std::shared_ptr<StreamConnection> conn;
    auto s =
        connect(conn, loopback(peer.port(), ip), {[&](std::string_view b) { got.append(b); }, {}});
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_TRUE(conn->local_endpoint().ok());
    conn->send("OPTIONS ");
    conn->send("sip:x ");
    conn->send("SIP/2.0\r\n");
    EXPECT_TRUE(test::run_until(io_, [&] { return got.size() == 23; })) << got;
    EXPECT_EQ(got, "OPTIONS sip:x SIP/2.0\r\n");
  }
}

TEST_F(StreamConnectionTest, SendBeforeConnectedIsFlushedAfter) {
  EchoPeer peer(io_, "127.0.0.1");
  std::string got;
  auto conn = StreamConnection::tcp(io_);
  conn->connect(loopback(peer.port()), std::chrono::seconds(5),
                {[&](std::string_view b) { got.append(b); }, {}}, [](Status<>) {});
  conn->send("early");
  EXPECT_TRUE(test::run_until(io_, [&] { return got == "early"; })) << got;
}

TEST_F(StreamConnectionTest, PeerCloseIsReportedAsResetOnce) {
  EchoPeer peer(io_, "127.0.0.1");
  std::vector<Error> errors;
  std::shared_ptr<StreamConnection> conn;
  ASSERT_TRUE(
      connect(conn, loopback(peer.port()), {{}, [&](const Error& e) { errors.push_back(e); }})
          .ok());
  peer.close();
  EXPECT_TRUE(test::run_until(io_, [&] { return !errors.empty(); }));
  test::run_for(io_, std::chrono::milliseconds(50));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "reset");
  EXPECT_FALSE(conn->is_open());
}

TEST_F(StreamConnectionTest, FullAcceptQueueTimesOut) {
  // A listener with backlog 0 that never accepts: once its queue is full the kernel drops
  // further SYNs, so our connect can only time out.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(::listen(fd, 0), 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  const int port = ntohs(a.sin_port);
  std::vector<std::shared_ptr<StreamConnection>> fillers;
  for (int i = 0; i < 2; ++i) {
    fillers.push_back(StreamConnection::tcp(io_));
    fillers.back()->connect(loopback(port), std::chrono::seconds(10), {}, [](Status<>) {});
  }
  test::run_for(io_, std::chrono::milliseconds(100));
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(conn, loopback(port), {}, std::chrono::milliseconds(300));
  ::close(fd);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "timeout");
}

TEST_F(StreamConnectionTest, DestroyingWhileReadingNeverCallsBack) {
  EchoPeer peer(io_, "127.0.0.1");
  bool called = false;
  std::shared_ptr<StreamConnection> conn;
  ASSERT_TRUE(
      connect(conn, loopback(peer.port()),
              {[&](std::string_view) { called = true; }, [&](const Error&) { called = true; }})
          .ok());
  conn->send("pending");
  conn.reset();
  test::run_for(io_, std::chrono::milliseconds(100));
  EXPECT_FALSE(called);
}

TEST_F(StreamConnectionTest, ClosingFromInsideOnDataIsSafe) {
  EchoPeer peer(io_, "127.0.0.1");
  int calls = 0;
  std::shared_ptr<StreamConnection> conn;
  std::string marker = "still alive";
  ASSERT_TRUE(connect(conn, loopback(peer.port()),
                      {[&, marker](std::string_view) {
                         ++calls;
                         conn.reset();  // drops the last owner from inside its own handler
                         EXPECT_EQ(marker, "still alive");
                       },
                       {}})
                  .ok());
  conn->send("x");
  EXPECT_TRUE(test::run_until(io_, [&] { return calls == 1; }));
  test::run_for(io_, std::chrono::milliseconds(50));
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace gw::net
