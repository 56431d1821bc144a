// SipProber on loopback: an in-test UDP responder (and a closed TCP port) on 127.0.0.1.
// Timers run at small real durations (T1 = 5 ms).
#include "net/sip_prober.hpp"

#include <gtest/gtest.h>

#include <asio/ip/tcp.hpp>
#include <asio/ip/udp.hpp>
#include <asio/write.hpp>
#include <functional>
#include <optional>
#include <random>
#include <sstream>

#include "net/resolver.hpp"
#include "net/sip_udp_hub.hpp"
#include "test_support.hpp"

namespace gw::net {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;

// A response to `request` with `status`, copying Via/From/To/Call-ID/CSeq.
std::string answer(const std::string& request, int status,
                   const std::string& branch_override = {}) {
  std::istringstream in(request);
  std::string line, out = "SIP/2.0 " + std::to_string(status) + " X\r\n";
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    for (const char* h : {"Via:", "From:", "To:", "Call-ID:", "CSeq:"}) {
      if (line.rfind(h, 0) != 0) continue;
      if (!branch_override.empty() && line.rfind("Via:", 0) == 0) {
        const auto b = line.find("branch=");
        const auto e = line.find(';', b);
        line = line.substr(0, b) + "branch=" + branch_override +
               (e == std::string::npos ? "" : line.substr(e));
      }
      out += line + "\r\n";
    }
  }
  return out + "Content-Length: 0\r\n\r\n";
}

// Blocking UDP responder driven from the io_context: answers each datagram with reply(bytes).
class Responder {
 public:
  using Reply = std::function<std::vector<std::string>(const std::string&)>;
  Responder(asio::io_context& io, Reply reply)
      : socket_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        other_(io, asio::ip::udp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
        reply_(std::move(reply)) {
    receive();
  }
  std::uint16_t port() const { return socket_.local_endpoint().port(); }
  int received = 0;
  bool from_other_port = false;

 private:
  void receive() {
    socket_.async_receive_from(
        asio::buffer(buf_), from_, [this](std::error_code ec, std::size_t n) {
          if (ec) return;
          ++received;
          for (const auto& r : reply_(std::string(buf_.data(), n))) {
            (from_other_port ? other_ : socket_).send_to(asio::buffer(r), from_);
          }
          receive();
        });
  }
  asio::ip::udp::socket socket_;
  asio::ip::udp::socket other_;
  asio::ip::udp::endpoint from_;
  std::array<char, 65536> buf_{};
  Reply reply_;
};

class SipProberTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ResolverOptions ro;
    ro.name_servers = {"127.0.0.1:" + std::to_string(test::free_port())};  // nobody there
    ro.timeout = std::chrono::milliseconds(100);
    ro.tries = 1;
    auto r = Resolver::create(io_, ro);
    ASSERT_TRUE(r.ok());
    resolver_ = std::move(*r);
    ctx_.emplace(SipProbeContext{io_, *resolver_, hub_, counters_, nullptr, "", rng_});
  }

  std::optional<AttemptOutcome> run(SipProber& p, SipProbeParams params = fast()) {
    std::optional<AttemptOutcome> got;
    EXPECT_TRUE(p.attempt(params, [&](const AttemptOutcome& o) { got = o; }).ok());
    EXPECT_FALSE(got.has_value()) << "done must not run inside attempt()";
    test::run_until(
        io_, [&] { return got.has_value(); }, std::chrono::seconds(5));
    return got;
  }
  static SipProbeParams fast() {
    return SipProbeParams{2, std::chrono::milliseconds(5), std::chrono::milliseconds(40)};
  }
  // For tests that count every datagram: a retransmission (the 5 ms T1 of fast() passes when a
  // loaded host holds the process up) would draw a second set of answers.
  static SipProbeParams no_retransmission_in_time() {
    return SipProbeParams{2, std::chrono::seconds(2), std::chrono::seconds(4)};
  }

  asio::io_context io_;
  sip::SipWireCounters counters_;
  SipUdpHub hub_{io_, counters_};
  std::mt19937_64 rng_{42};
  std::unique_ptr<Resolver> resolver_;
  std::optional<SipProbeContext> ctx_;
};

TEST_F(SipProberTest, MatchingOkSucceedsWithStatusAndRtt) {
  Responder peer(io_,
                 [](const std::string& req) { return std::vector<std::string>{answer(req, 200)}; });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  auto o = run(p);
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->success);
  EXPECT_EQ(o->status, 200);
  EXPECT_TRUE(o->rtt.has_value());
  EXPECT_EQ(p.address(), "127.0.0.1:" + std::to_string(peer.port()));
  EXPECT_EQ(counters_.sent, 1u);
  EXPECT_EQ(counters_.responses, 1u);
  EXPECT_EQ(hub_.pending(), 0u);
}

TEST_F(SipProberTest, UdpAttemptToACachedAddressIsQueuedInsideAttemptDoneComesLater) {
  Responder peer(io_,
                 [](const std::string& req) { return std::vector<std::string>{answer(req, 200)}; });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  ASSERT_TRUE(run(p, no_retransmission_in_time()));  // the first attempt caches the address
  std::optional<AttemptOutcome> got;
  ASSERT_TRUE(
      p.attempt(no_retransmission_in_time(), [&](const AttemptOutcome& o) { got = o; }).ok());
  // Started without a trip through the io_context: registered and counted as sent already.
  EXPECT_EQ(counters_.sent, 2u);
  EXPECT_EQ(hub_.pending(), 1u);
  EXPECT_FALSE(got.has_value()) << "done must not run inside attempt()";
  test::run_until(
      io_, [&] { return got.has_value(); }, std::chrono::seconds(5));
  ASSERT_TRUE(got);
  EXPECT_TRUE(got->success);
  EXPECT_EQ(counters_.responses, 2u);
  EXPECT_EQ(peer.received, 2);
  EXPECT_EQ(hub_.pending(), 0u);
}

TEST_F(SipProberTest, Status503IsAFailedAttempt) {
  Responder peer(io_,
                 [](const std::string& req) { return std::vector<std::string>{answer(req, 503)}; });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  auto o = run(p);
  ASSERT_TRUE(o);
  EXPECT_FALSE(o->success);
  EXPECT_EQ(o->reason, FailureReason::status_503);
}

TEST_F(SipProberTest, ProvisionalThenFinalSucceeds) {
  Responder peer(io_, [](const std::string& req) {
    return std::vector<std::string>{answer(req, 100), answer(req, 404)};
  });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  auto o = run(p);
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->success);
  EXPECT_EQ(o->status, 404);
}

TEST_F(SipProberTest, SilencePeerTimesOutAfterRetransmissions) {
  Responder peer(io_, [](const std::string&) { return std::vector<std::string>{}; });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  const auto t0 = SteadyClock::now();
  auto o = run(p);
  ASSERT_TRUE(o);
  EXPECT_FALSE(o->success);
  EXPECT_EQ(o->reason, FailureReason::timeout);
  EXPECT_GE(SteadyClock::now() - t0, std::chrono::milliseconds(35));  // 5 + 10 + 20
  EXPECT_EQ(counters_.retransmissions, 2u);
  EXPECT_EQ(peer.received, 3);
}

TEST_F(SipProberTest, ResponseFromAnotherPortIsDroppedAndCounted) {
  Responder peer(io_,
                 [](const std::string& req) { return std::vector<std::string>{answer(req, 200)}; });
  peer.from_other_port = true;
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  auto o = run(p);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->reason, FailureReason::timeout);
  EXPECT_EQ(counters_.unmatched, 3u);  // one per send
  EXPECT_EQ(counters_.responses, 0u);
}

TEST_F(SipProberTest, WrongBranchAndGarbageAreDroppedAndCounted) {
  Responder peer(io_, [](const std::string& req) {
    return std::vector<std::string>{answer(req, 200, "z9hG4bKnotours"), "garbage\r\n\r\n",
                                    answer(req, 200)};
  });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  auto o = run(p, no_retransmission_in_time());
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->success);
  EXPECT_EQ(counters_.unmatched, 1u);
  EXPECT_EQ(counters_.malformed, 1u);
}

TEST_F(SipProberTest, LateReplayAfterTheTransactionIsCountedNotDelivered) {
  std::string first;
  Responder peer(io_, [&](const std::string& req) {
    if (first.empty()) first = answer(req, 200);
    return std::vector<std::string>{first, first};  // a duplicate right behind the answer
  });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  auto o = run(p, no_retransmission_in_time());
  ASSERT_TRUE(o && o->success);
  test::run_until(
      io_, [&] { return counters_.unmatched >= 1; }, std::chrono::seconds(1));
  EXPECT_EQ(counters_.unmatched, 1u);
  EXPECT_EQ(counters_.responses, 1u);
}

TEST_F(SipProberTest, SecondAttemptWhileRunningIsRefused) {
  Responder peer(io_, [](const std::string&) { return std::vector<std::string>{}; });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", peer.port(), Transport::udp});
  ASSERT_TRUE(p.attempt(fast(), [](const AttemptOutcome&) {}).ok());
  auto second = p.attempt(fast(), [](const AttemptOutcome&) {});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "busy");
}

TEST_F(SipProberTest, TcpClosedPortIsRefusedAtOnce) {
  const auto port = static_cast<std::uint16_t>(test::free_port());
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", port, Transport::tcp});
  const auto t0 = SteadyClock::now();
  auto o = run(p, SipProbeParams{6, std::chrono::milliseconds(500), std::chrono::seconds(4)});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->reason, FailureReason::refused);
  EXPECT_LT(SteadyClock::now() - t0, std::chrono::seconds(1));
}

TEST_F(SipProberTest, TcpAnswerOnAReusedConnection) {
  asio::ip::tcp::acceptor acc(io_, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::optional<asio::ip::tcp::socket> conn;
  int accepted = 0;
  std::array<char, 4096> buf{};
  std::function<void()> read = [&] {
    conn->async_read_some(asio::buffer(buf), [&](std::error_code ec, std::size_t n) {
      if (ec) return;
      const std::string reply = answer(std::string(buf.data(), n), 200);
      asio::write(*conn, asio::buffer(reply));
      read();
    });
  };
  acc.async_accept([&](std::error_code ec, asio::ip::tcp::socket s) {
    if (ec) return;
    ++accepted;
    conn.emplace(std::move(s));
    read();
  });
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", acc.local_endpoint().port(), Transport::tcp});
  for (int i = 0; i < 3; ++i) {
    auto o = run(p);
    ASSERT_TRUE(o);
    EXPECT_TRUE(o->success) << "attempt " << i;
  }
  EXPECT_EQ(accepted, 1);
}

TEST_F(SipProberTest, TlsWithoutContextFailsWithTls) {
  SipProber p(*ctx_, SipProbeTarget{"127.0.0.1", 5061, Transport::tls});
  auto o = run(p);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->reason, FailureReason::tls);
}

TEST_F(SipProberTest, DnsFailureIsAFailedAttemptWithoutSending) {
  SipProber p(*ctx_, SipProbeTarget{"nothere.test", std::nullopt, Transport::udp});
  auto o = run(p);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->reason, FailureReason::dns);
  EXPECT_EQ(counters_.sent, 0u);
  EXPECT_EQ(p.address(), "nothere.test:5060");
}

}  // namespace
}  // namespace gw::net
