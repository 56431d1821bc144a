// UDP sockets on 127.0.0.1 and ::1: echo, ICMP errors, closing from inside the handler.
#include "net/udp_socket.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace gw::net {
namespace {

using Endpoint = asio::ip::udp::endpoint;

// Holds a socket that asks for SO_TIMESTAMPNS and waits until the kernel stamps datagrams when
// they arrive. The kernel switches arrival stamping on asynchronously (a work item flips a
// static key) after the first socket on the machine asks; until then it stamps a datagram when
// it is read. A test of arrival times must not race that switch.
class KernelArrivalStamps {
 public:
  KernelArrivalStamps() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {
    const int on = 1;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (fd_ < 0 || ::setsockopt(fd_, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0 ||
        ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
      return;
    }
    const auto gap = std::chrono::milliseconds(20);
    for (int tries = 0; tries < 250 && !live_; ++tries) {
      if (::sendto(fd_, "t", 1, 0, reinterpret_cast<sockaddr*>(&a), sizeof a) != 1) return;
      std::this_thread::sleep_for(gap);  // the gap that tells arrival from read stamping
      live_ = stamped_at_least_before(gap / 2);
    }
  }
  ~KernelArrivalStamps() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool live() const { return live_; }

 private:
  // Reads the datagram; whether its stamp is at least `age` before now.
  bool stamped_at_least_before(std::chrono::nanoseconds age) {
    char byte;
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[128];
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    if (::recvmsg(fd_, &msg, 0) != 1) return false;
    timespec now;
    ::clock_gettime(CLOCK_REALTIME, &now);
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_TIMESTAMPNS) continue;
      timespec ts;
      std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
      const auto ns = [](const timespec& t) {
        return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
      };
      return ns(now) - ns(ts) >= age;
    }
    return false;
  }

  int fd_;
  bool live_ = false;
};

class UdpSocketTest : public ::testing::TestWithParam<const char*> {
 protected:
  asio::ip::address loopback() const { return asio::ip::make_address(GetParam()); }

  // An echo peer: another UdpSocket that sends every datagram back to its sender.
  std::shared_ptr<UdpSocket> echo_peer() {
    // A weak self-reference: the handler must not keep its own socket alive.
    auto peer = std::make_shared<std::weak_ptr<UdpSocket>>();
    auto s = UdpSocket::open(io_, Endpoint(loopback(), 0),
                             [peer](std::string_view b, const Endpoint& from, TimePoint) {
                               if (auto self = peer->lock()) self->send_to(std::string(b), from);
                             });
    EXPECT_TRUE(s.ok());
    *peer = *s;
    return *s;
  }

  asio::io_context io_;
};

TEST_P(UdpSocketTest, EchoComesBackFromThePeer) {
  auto peer = echo_peer();
  std::optional<std::pair<std::string, Endpoint>> got;
  auto client = UdpSocket::open(io_, UdpSocket::ephemeral_for(loopback()),
                                [&](std::string_view b, const Endpoint& from, TimePoint) {
                                  got.emplace(std::string(b), from);
                                });
  ASSERT_TRUE(client.ok()) << client.error().message;
  EXPECT_NE((*client)->local_endpoint().port(), 0);
  EXPECT_EQ((*client)->local_endpoint().address().is_v6(), loopback().is_v6());
  const Endpoint to(loopback(), peer->local_endpoint().port());
  (*client)->send_to("OPTIONS sip:probe SIP/2.0\r\n\r\n", to);
  ASSERT_TRUE(test::run_until(io_, [&] { return got.has_value(); }));
  EXPECT_EQ(got->first, "OPTIONS sip:probe SIP/2.0\r\n\r\n");
  EXPECT_EQ(got->second, to);
  EXPECT_EQ((*client)->counters().datagrams_out, 1u);
  EXPECT_EQ((*client)->counters().datagrams_in, 1u);
}

TEST_P(UdpSocketTest, IcmpPortUnreachableIsCountedAndNotFatal) {
  auto peer = echo_peer();
  int received = 0;
  auto client = UdpSocket::open(io_, UdpSocket::ephemeral_for(loopback()),
                                [&](std::string_view, const Endpoint&, TimePoint) { ++received; });
  ASSERT_TRUE(client.ok());
  const Endpoint closed(loopback(), static_cast<std::uint16_t>(test::free_port(GetParam())));
  (*client)->send_to("nobody home", closed);
  ASSERT_TRUE(test::run_until(io_, [&] { return (*client)->counters().icmp_errors > 0; }));
  (*client)->send_to("hello", Endpoint(loopback(), peer->local_endpoint().port()));
  EXPECT_TRUE(test::run_until(io_, [&] { return received == 1; }));
  EXPECT_EQ((*client)->counters().receive_errors, 0u);
}

TEST_P(UdpSocketTest, ClosingInsideTheHandlerStopsDelivery) {
  auto peer = echo_peer();
  int received = 0;
  std::shared_ptr<UdpSocket> client;
  auto opened = UdpSocket::open(io_, UdpSocket::ephemeral_for(loopback()),
                                [&](std::string_view, const Endpoint&, TimePoint) {
                                  ++received;
                                  client.reset();
                                });
  ASSERT_TRUE(opened.ok());
  client = std::move(*opened);  // the only owner, so the reset inside the handler frees it
  const Endpoint to(loopback(), peer->local_endpoint().port());
  client->send_to("one", to);
  client->send_to("two", to);
  EXPECT_TRUE(test::run_until(io_, [&] { return received == 1; }));
  test::run_for(io_, std::chrono::milliseconds(50));
  EXPECT_EQ(received, 1);
}

TEST_P(UdpSocketTest, WrongFamilyDestinationIsCountedNotFatal) {
  auto client = UdpSocket::open(io_, UdpSocket::ephemeral_for(loopback()), {});
  ASSERT_TRUE(client.ok());
  const auto other =
      loopback().is_v6() ? asio::ip::make_address("127.0.0.1") : asio::ip::make_address("::1");
  (*client)->send_to("x", Endpoint(other, 9));
  EXPECT_TRUE(test::run_until(io_, [&] { return (*client)->counters().send_errors == 1; }));
}

TEST(UdpSocket, ReceiveBufferIsEnlarged) {
  asio::io_context io;
  auto s = UdpSocket::open(io, UdpSocket::ephemeral_for(asio::ip::make_address("127.0.0.1")),
                           [](std::string_view, const asio::ip::udp::endpoint&, TimePoint) {});
  ASSERT_TRUE(s.ok());
  int rmem_max = 0;
  if (std::FILE* f = std::fopen("/proc/sys/net/core/rmem_max", "r")) {
    if (std::fscanf(f, "%d", &rmem_max) != 1) rmem_max = 0;
    std::fclose(f);
  }
  // Without CAP_NET_ADMIN the kernel caps the request at rmem_max (and reports it doubled).
  const int floor =
      ::geteuid() == 0 ? UdpSocket::kReceiveBuffer : std::min(UdpSocket::kReceiveBuffer, rmem_max);
  EXPECT_GE((*s)->receive_buffer(), floor);
  (*s)->close();
  EXPECT_EQ((*s)->receive_buffer(), 0);
}

TEST(UdpSocket, BindingABusyPortIsAnError) {
  asio::io_context io;
  auto first = UdpSocket::open(io, Endpoint(asio::ip::make_address("127.0.0.1"), 0), {});
  ASSERT_TRUE(first.ok());
  auto second = UdpSocket::open(io, (*first)->local_endpoint(), {});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "io");
}

TEST_P(UdpSocketTest, ReceivePacingReadsABusySocketOncePerPeriodAndAQuietOneAtOnce) {
  auto sender = UdpSocket::open(io_, UdpSocket::ephemeral_for(loopback()), {});
  ASSERT_TRUE(sender.ok());
  int received = 0;
  auto receiver =
      UdpSocket::open(io_, Endpoint(loopback(), 0),
                      [&](std::string_view, const Endpoint&, TimePoint) { ++received; });
  ASSERT_TRUE(receiver.ok());
  (*receiver)->set_receive_pacing(std::chrono::milliseconds(300));
  const Endpoint to(loopback(), (*receiver)->local_endpoint().port());

  // Quiet: one datagram is read at readiness, not after the pacing period.
  const auto t0 = SteadyClock::now();
  (*sender)->send_to("one", to);
  ASSERT_TRUE(test::run_until(io_, [&] { return received == 1; }));
  EXPECT_LT(SteadyClock::now() - t0, std::chrono::milliseconds(250));

  // Busy: four in one sendmmsg are read together; the socket is then read again only after
  // the period, so a datagram arriving meanwhile waits for it.
  for (const char* d : {"a", "b", "c", "d"}) (*sender)->send_to(d, to);
  ASSERT_TRUE(test::run_until(io_, [&] { return received == 5; }));
  (*sender)->send_to("late", to);
  test::run_for(io_, std::chrono::milliseconds(100));
  EXPECT_EQ(received, 5);
  EXPECT_TRUE(test::run_until(io_, [&] { return received == 6; }));
  EXPECT_EQ((*receiver)->counters().datagrams_in, 6u);
}

TEST_P(UdpSocketTest, ArrivalTimeIsTheKernelsNotTheReadOfAPacedSocket) {
  const KernelArrivalStamps stamps;
  ASSERT_TRUE(stamps.live()) << "the kernel never began stamping datagrams on arrival";
  auto sender = UdpSocket::open(io_, UdpSocket::ephemeral_for(loopback()), {});
  ASSERT_TRUE(sender.ok());
  std::vector<std::pair<TimePoint, TimePoint>> seen;  // arrived, read
  auto receiver = UdpSocket::open(io_, Endpoint(loopback(), 0),
                                  [&](std::string_view, const Endpoint&, TimePoint at) {
                                    seen.emplace_back(at, SteadyClock::now());
                                  });
  ASSERT_TRUE(receiver.ok());
  (*receiver)->set_receive_pacing(std::chrono::milliseconds(300));
  const Endpoint to(loopback(), (*receiver)->local_endpoint().port());
  (*sender)->send_to("a", to);
  (*sender)->send_to("b", to);  // read together: the next read comes 300 ms later
  ASSERT_TRUE(test::run_until(io_, [&] { return seen.size() == 2; }));
  const TimePoint sent = SteadyClock::now();
  (*sender)->send_to("late", to);  // flushed by a handler posted now, ahead of the paced read
  ASSERT_TRUE(test::run_until(io_, [&] { return seen.size() == 3; }));
  const auto [arrived, read] = seen[2];
  EXPECT_GE(arrived, sent);                                   // after it was sent...
  EXPECT_LT(arrived - sent, std::chrono::milliseconds(100));  // ...at once on loopback...
  EXPECT_GT(read - arrived, std::chrono::milliseconds(150));  // ...though read with the paced read
  EXPECT_LE(arrived, read);
}

TEST_P(UdpSocketTest, DatagramsOfEverySizeArriveWholeInOneBatch) {
  // Around the 2 KiB compact slot each datagram is read into first, and far beyond it.
  const std::vector<std::size_t> sizes{1, 700, 2047, 2048, 2049, 4096, 40000, 65000, 300};
  auto sender = UdpSocket::open(io_, UdpSocket::ephemeral_for(loopback()), {});
  ASSERT_TRUE(sender.ok());
  std::vector<std::string> got;
  auto receiver =
      UdpSocket::open(io_, Endpoint(loopback(), 0),
                      [&](std::string_view b, const Endpoint&, TimePoint) { got.emplace_back(b); });
  ASSERT_TRUE(receiver.ok());
  const Endpoint to(loopback(), (*receiver)->local_endpoint().port());
  std::vector<std::string> sent;
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    std::string d(sizes[k], '\0');
    for (std::size_t j = 0; j < d.size(); ++j) d[j] = static_cast<char>('a' + (j * 7 + k) % 26);
    sent.push_back(d);
    (*sender)->send_to(d, to);  // all queued: one sendmmsg, read back with one recvmmsg
  }
  ASSERT_TRUE(test::run_until(io_, [&] { return got.size() == sizes.size(); }));
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    ASSERT_EQ(got[k].size(), sizes[k]) << k;
    EXPECT_TRUE(got[k] == sent[k]) << "datagram " << k << " of " << sizes[k] << " bytes differs";
  }
  EXPECT_EQ((*receiver)->counters().receive_errors, 0u);
}

INSTANTIATE_TEST_SUITE_P(Loopback, UdpSocketTest, ::testing::Values("127.0.0.1", "::1"),
                         [](const auto& info) {
                           return std::string(info.param) == "::1" ? "Ipv6" : "Ipv4";
                         });

}  // namespace
}  // namespace gw::net
