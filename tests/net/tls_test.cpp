// TLS client connections against `openssl s_server`, with throwaway CAs made by the test.
#include <gtest/gtest.h>

#include <fstream>
#include <optional>

#include "net/stream_connection.hpp"
#include "net/tls_context.hpp"
#include "test_support.hpp"

namespace gw::net {
namespace {

using test::Child;
using test::TempDir;

class TlsTest : public ::testing::Test {
 protected:
  static bool openssl(const std::vector<std::string>& args) {
    std::vector<std::string> argv{"openssl"};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run(argv, dir_->file("openssl.log")) == 0;
  }

  static bool make_ca(const std::string& name) {
    return openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", dir_->file(name + ".key"), "-out",
                    dir_->file(name + ".pem"), "-days", "2", "-subj", "/CN=gatewatch test " + name,
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                    "keyUsage=critical,keyCertSign,cRLSign"});
  }

  static bool make_server_cert(const std::string& name, const std::string& ca) {
    std::ofstream(dir_->file(name + ".ext"))
        << "subjectAltName=DNS:sip.test,IP:127.0.0.1,IP:::1\n"
           "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n";
    return openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", dir_->file(name + ".key"), "-out", dir_->file(name + ".csr"),
                    "-subj", "/CN=sip.test"}) &&
           openssl({"x509", "-req", "-in", dir_->file(name + ".csr"), "-CA",
                    dir_->file(ca + ".pem"), "-CAkey", dir_->file(ca + ".key"), "-CAcreateserial",
                    "-out", dir_->file(name + ".pem"), "-days", "2", "-extfile",
                    dir_->file(name + ".ext")});
  }

  static Child* start_server(const std::string& host, int port, const std::string& cert) {
    const std::string accept = (host.find(':') != std::string::npos ? "[" + host + "]" : host) +
                               ":" + std::to_string(port);
    auto* child = new Child(
        Child::spawn({"openssl", "s_server", "-accept", accept, "-cert", dir_->file(cert + ".pem"),
                      "-key", dir_->file(cert + ".key"), "-www"},
                     dir_->file("s_server_" + std::to_string(port) + ".log")));
    if (!test::wait_for_tcp(host, port, std::chrono::seconds(10),
                            [child] { return child->running(); })) {
      delete child;
      return nullptr;
    }
    return child;
  }

  static void SetUpTestSuite() {
    dir_ = new TempDir;
    ready_ = make_ca("ca") && make_ca("other_ca") && make_server_cert("server", "ca");
    if (!ready_) return;
    port4_ = test::free_port("127.0.0.1");
    port6_ = test::free_port("::1");
    server4_ = start_server("127.0.0.1", port4_, "server");
    server6_ = start_server("::1", port6_, "server");
    ready_ = server4_ != nullptr && server6_ != nullptr;
  }

  static void TearDownTestSuite() {
    delete server4_;
    delete server6_;
    delete dir_;
    server4_ = server6_ = nullptr;
    dir_ = nullptr;
  }

  void SetUp() override { ASSERT_TRUE(ready_) << test::read_file(dir_->file("openssl.log")); }

  std::shared_ptr<asio::ssl::context> context(std::optional<std::string> ca) {
    auto ctx = make_tls_client_context(TlsOptions{std::move(ca)});
    EXPECT_TRUE(ctx.ok()) << (ctx.ok() ? "" : ctx.error().message);
    return ctx.ok() ? *ctx : nullptr;
  }

  // Connects and returns the connect result; `conn` keeps the connection.
  Status<> connect(std::shared_ptr<asio::ssl::context> ctx, const std::string& name,
                   const std::string& ip, int port, std::shared_ptr<StreamConnection>& conn,
                   StreamConnection::Handlers handlers = {}) {
    auto made = StreamConnection::tls(io_, std::move(ctx), name);
    if (!made) return Unexpected{made.error()};
    conn = *made;
    std::optional<Status<>> result;
    conn->connect({asio::ip::make_address(ip), static_cast<std::uint16_t>(port)},
                  std::chrono::seconds(5), std::move(handlers), [&](Status<> s) { result = s; });
    test::run_until(io_, [&] { return result.has_value(); });
    if (!result) return fail("test", "no connect result");
    return *result;
  }

  asio::io_context io_;
  static inline TempDir* dir_ = nullptr;
  static inline Child* server4_ = nullptr;
  static inline Child* server6_ = nullptr;
  static inline int port4_ = 0;
  static inline int port6_ = 0;
  static inline bool ready_ = false;
};

TEST_F(TlsTest, TrustedCertificateMatchingIpPassesAndCarriesData) {
  std::string received;
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(dir_->file("ca.pem")), "127.0.0.1", "127.0.0.1", port4_, conn,
                   {[&](std::string_view b) { received.append(b); }, nullptr});
  ASSERT_TRUE(s.ok()) << s.error().code << ": " << s.error().message;
  EXPECT_TRUE(conn->is_open());
  conn->send("GET / HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(test::run_until(io_, [&] { return received.find("200 ok") != std::string::npos; }))
      << received;
}

TEST_F(TlsTest, TrustedCertificateMatchingHostNamePasses) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(dir_->file("ca.pem")), "sip.test", "127.0.0.1", port4_, conn);
  EXPECT_TRUE(s.ok()) << s.error().message;
}

TEST_F(TlsTest, Ipv6LiteralMatchesIpAddressSan) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(dir_->file("ca.pem")), "[::1]", "::1", port6_, conn);
  EXPECT_TRUE(s.ok()) << s.error().message;
}

TEST_F(TlsTest, WrongHostNameFailsWithTls) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(dir_->file("ca.pem")), "other.test", "127.0.0.1", port4_, conn);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls");
  EXPECT_NE(s.error().message.find("mismatch"), std::string::npos) << s.error().message;
}

TEST_F(TlsTest, WrongIpAddressFailsWithTls) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(dir_->file("ca.pem")), "127.0.0.2", "127.0.0.1", port4_, conn);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls");
}

TEST_F(TlsTest, UntrustedCaFailsWithTls) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(dir_->file("other_ca.pem")), "sip.test", "127.0.0.1", port4_, conn);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls");
  EXPECT_NE(s.error().message.find("certificate"), std::string::npos) << s.error().message;
}

TEST_F(TlsTest, SystemTrustStoreDoesNotTrustAThrowawayCa) {
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(std::nullopt), "sip.test", "127.0.0.1", port4_, conn);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls");
}

TEST_F(TlsTest, MissingCaFileIsTlsError) {
  auto ctx = make_tls_client_context(TlsOptions{dir_->file("no-such-ca.pem")});
  ASSERT_FALSE(ctx.ok());
  EXPECT_EQ(ctx.error().code, "tls");
}

TEST_F(TlsTest, PlainTcpPeerOnTheTlsPortFailsWithTls) {
  // A TCP listener that accepts and closes at once: the handshake cannot complete.
  asio::ip::tcp::acceptor acceptor(io_, {asio::ip::make_address("127.0.0.1"), 0});
  asio::ip::tcp::socket peer(io_);
  acceptor.async_accept(peer, [&](const std::error_code&) {
    std::error_code ignored;
    peer.close(ignored);
  });
  std::shared_ptr<StreamConnection> conn;
  auto s = connect(context(dir_->file("ca.pem")), "sip.test", "127.0.0.1",
                   acceptor.local_endpoint().port(), conn);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "tls");
}

TEST_F(TlsTest, DroppingTheConnectionMidHandshakeIsSafe) {
  auto made = StreamConnection::tls(io_, context(dir_->file("ca.pem")), "sip.test");
  ASSERT_TRUE(made.ok());
  bool called = false;
  (*made)->connect({asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(port4_)},
                   std::chrono::seconds(5), {}, [&](Status<>) { called = true; });
  test::run_for(io_, std::chrono::milliseconds(1));  // let the TCP connect progress a little
  made->reset();
  test::run_for(io_, std::chrono::milliseconds(200));
  EXPECT_FALSE(called);
}

}  // namespace
}  // namespace gw::net
