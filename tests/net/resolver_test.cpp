// Resolver against a real dnsmasq started by the test on 127.0.0.1:<free port>.
#include "net/resolver.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "test_support.hpp"

namespace gw::net {
namespace {

using test::Child;
using test::TempDir;

constexpr int kTtl = 77;
constexpr int kBigSrvCount = 40;

class ResolverTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    port_ = test::free_port();
    const std::string p = std::to_string(port_);
    std::vector<std::string> argv = {"dnsmasq",
                                     "--keep-in-foreground",
                                     "--conf-file=/dev/null",
                                     "--pid-file=" + dir_->file("dnsmasq.pid"),
                                     "--log-facility=" + dir_->file("dnsmasq.log"),
                                     "--no-resolv",
                                     "--no-hosts",
                                     "--port=" + p,
                                     "--listen-address=127.0.0.1",
                                     "--bind-interfaces",
                                     "--local=/test/",
                                     "--local-ttl=" + std::to_string(kTtl),
                                     "--host-record=sip.test,127.0.0.1,::1",
                                     "--host-record=v4only.test,127.0.0.2",
                                     "--host-record=v6only.test,::1",
                                     "--host-record=target1.test,127.0.0.11",
                                     "--host-record=target2.test,127.0.0.12",
                                     "--srv-host=_sip._udp.srv.test,target1.test,5070,10,50",
                                     "--srv-host=_sip._udp.srv.test,target2.test,5080,20,50",
                                     "--srv-host=_sip._tcp.srv.test,target2.test,5090,10,10",
                                     "--srv-host=_sips._tcp.srv.test,target1.test,5071,10,10",
                                     "--srv-host=_sip._udp.dangling.test,nowhere.test,5060,10,10"};
    // Enough SRV records that the UDP answer is truncated and c-ares must retry over TCP.
    for (int i = 0; i < kBigSrvCount; ++i) {
      argv.push_back("--srv-host=_sip._udp.big.test,target1.test," + std::to_string(6000 + i) +
                     ",10," + std::to_string(100 - i));
    }
    dnsmasq_ = new Child(Child::spawn(argv, dir_->file("dnsmasq.out")));
    // dnsmasq also serves DNS over TCP on the same port: connectable means ready.
    ready_ = test::wait_for_tcp("127.0.0.1", port_, std::chrono::seconds(10),
                                [] { return dnsmasq_->running(); });
  }

  static void TearDownTestSuite() {
    delete dnsmasq_;
    delete dir_;
    dnsmasq_ = nullptr;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(ready_) << "dnsmasq did not start: " << test::read_file(dir_->file("dnsmasq.out"));
  }

  std::unique_ptr<Resolver> make(ResolverOptions options = {}) {
    if (options.name_servers.empty()) {
      options.name_servers = {"127.0.0.1:" + std::to_string(port_)};
    }
    auto r = Resolver::create(io_, options);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? std::move(*r) : nullptr;
  }

  Result<std::vector<ResolvedAddress>> resolve(Resolver& r, const std::string& host,
                                               std::optional<std::uint16_t> port,
                                               Transport t = Transport::udp) {
    std::optional<Result<std::vector<ResolvedAddress>>> out;
    r.resolve_sip(host, port, t, [&](Result<std::vector<ResolvedAddress>> res) { out = res; });
    EXPECT_FALSE(out.has_value()) << "callback must not run inside resolve_sip";
    test::run_until(io_, [&] { return out.has_value(); });
    if (!out) return fail("test", "no answer in time");
    return *out;
  }

  static std::vector<std::string> endpoints(const std::vector<ResolvedAddress>& list) {
    std::vector<std::string> out;
    for (const auto& a : list) {
      out.push_back(
          (a.address.is_v6() ? "[" + a.address.to_string() + "]" : a.address.to_string()) + ":" +
          std::to_string(a.port));
    }
    return out;
  }

  asio::io_context io_;
  static inline TempDir* dir_ = nullptr;
  static inline Child* dnsmasq_ = nullptr;
  static inline int port_ = 0;
  static inline bool ready_ = false;
};

TEST_F(ResolverTest, Ipv4LiteralAnswersWithoutDns) {
  // A name server that does not exist: a literal must not need it.
  auto r = make({{"127.0.0.1:" + std::to_string(test::free_port())}});
  auto res = resolve(*r, "192.0.2.7", std::nullopt, Transport::udp);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(endpoints(*res), std::vector<std::string>{"192.0.2.7:5060"});
  EXPECT_EQ(res->front().ttl, kLiteralTtl);
}

TEST_F(ResolverTest, Ipv6LiteralInBracketsTakesTlsDefaultPort) {
  auto r = make();
  auto res = resolve(*r, "[2001:db8::10]", std::nullopt, Transport::tls);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(endpoints(*res), std::vector<std::string>{"[2001:db8::10]:5061"});
}

TEST_F(ResolverTest, NameWithPortGivesAaaaAndAWithThatPort) {
  auto r = make();
  auto res = resolve(*r, "sip.test", 5099);
  ASSERT_TRUE(res.ok()) << res.error().message;
  auto eps = endpoints(*res);
  std::sort(eps.begin(), eps.end());
  EXPECT_EQ(eps, (std::vector<std::string>{"127.0.0.1:5099", "[::1]:5099"}));
}

TEST_F(ResolverTest, AOnlyAndAaaaOnlyNames) {
  auto r = make();
  auto v4 = resolve(*r, "v4only.test", 5060);
  ASSERT_TRUE(v4.ok()) << v4.error().message;
  EXPECT_EQ(endpoints(*v4), std::vector<std::string>{"127.0.0.2:5060"});
  auto v6 = resolve(*r, "v6only.test", 5060);
  ASSERT_TRUE(v6.ok()) << v6.error().message;
  EXPECT_EQ(endpoints(*v6), std::vector<std::string>{"[::1]:5060"});
}

TEST_F(ResolverTest, TtlOfTheAnswerIsReported) {
  auto r = make();
  auto res = resolve(*r, "sip.test", 5060);
  ASSERT_TRUE(res.ok());
  for (const auto& a : *res) EXPECT_EQ(a.ttl, std::chrono::seconds(kTtl));
}

TEST_F(ResolverTest, NoPortAndNoSrvFallsBackToHostWithDefaultPort) {
  auto r = make();
  auto udp = resolve(*r, "v4only.test", std::nullopt, Transport::udp);
  ASSERT_TRUE(udp.ok()) << udp.error().message;
  EXPECT_EQ(endpoints(*udp), std::vector<std::string>{"127.0.0.2:5060"});
  auto tls = resolve(*r, "v4only.test", std::nullopt, Transport::tls);
  ASSERT_TRUE(tls.ok()) << tls.error().message;
  EXPECT_EQ(endpoints(*tls), std::vector<std::string>{"127.0.0.2:5061"});
}

TEST_F(ResolverTest, SrvTargetsComeInPriorityOrderWithSrvPorts) {
  auto r = make();
  auto res = resolve(*r, "srv.test", std::nullopt, Transport::udp);
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_EQ(endpoints(*res), (std::vector<std::string>{"127.0.0.11:5070", "127.0.0.12:5080"}));
  for (const auto& a : *res) EXPECT_EQ(a.ttl, std::chrono::seconds(kTtl));
}

TEST_F(ResolverTest, SrvNameFollowsTheTransport) {
  auto r = make();
  auto tcp = resolve(*r, "srv.test", std::nullopt, Transport::tcp);
  ASSERT_TRUE(tcp.ok()) << tcp.error().message;
  EXPECT_EQ(endpoints(*tcp), std::vector<std::string>{"127.0.0.12:5090"});
  auto tls = resolve(*r, "srv.test", std::nullopt, Transport::tls);
  ASSERT_TRUE(tls.ok()) << tls.error().message;
  EXPECT_EQ(endpoints(*tls), std::vector<std::string>{"127.0.0.11:5071"});
}

TEST_F(ResolverTest, TruncatedSrvAnswerIsRetriedOverTcp) {
  auto r = make();
  auto res = resolve(*r, "big.test", std::nullopt, Transport::udp);
  ASSERT_TRUE(res.ok()) << res.error().message;
  ASSERT_EQ(res->size(), static_cast<std::size_t>(kBigSrvCount));
  EXPECT_EQ(res->front().port, 6000);  // the heaviest weight comes first
  EXPECT_EQ(res->back().port, 6000 + kBigSrvCount - 1);
}

TEST_F(ResolverTest, PortGivenSkipsSrv) {
  auto r = make();
  // srv.test has SRV records but no address of its own: with a port, SRV is not consulted.
  auto res = resolve(*r, "srv.test", 5060);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, "dns");
}

TEST_F(ResolverTest, NxdomainIsDnsError) {
  auto r = make();
  auto res = resolve(*r, "nothere.test", std::nullopt);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, "dns");
  EXPECT_NE(res.error().message.find("nothere.test"), std::string::npos) << res.error().message;
}

TEST_F(ResolverTest, SrvTargetWithoutAddressIsDnsError) {
  auto r = make();
  auto res = resolve(*r, "dangling.test", std::nullopt);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, "dns");
}

TEST_F(ResolverTest, DeadNameServerIsDnsError) {
  ResolverOptions o;
  o.name_servers = {"127.0.0.1:" + std::to_string(test::free_port())};
  o.timeout = std::chrono::milliseconds(200);
  o.tries = 1;
  auto r = make(o);
  auto res = resolve(*r, "sip.test", 5060);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.error().code, "dns");
}

TEST_F(ResolverTest, DestroyedResolverNeverCallsBack) {
  auto r = make();
  bool called = false;
  r->resolve_sip("sip.test", 5060, Transport::udp, [&](auto) { called = true; });
  r->resolve_sip("10.0.0.1", 5060, Transport::udp, [&](auto) { called = true; });
  r.reset();
  test::run_for(io_, std::chrono::milliseconds(200));
  EXPECT_FALSE(called);
}

TEST_F(ResolverTest, ManyConcurrentQueriesAllAnswer) {
  auto r = make();
  int answered = 0;
  for (int i = 0; i < 20; ++i) {
    r->resolve_sip(i % 2 ? "sip.test" : "srv.test", std::nullopt, Transport::udp,
                   [&](Result<std::vector<ResolvedAddress>> res) { answered += res.ok(); });
  }
  EXPECT_TRUE(test::run_until(io_, [&] { return answered == 20; }));
}

TEST(ParseNameServers, AcceptsIpIpPortAndBracketedV6) {
  auto r = parse_name_servers({"10.0.0.53", "127.0.0.1:5353", "::1", "[::1]:5353"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].port(), 53);
  EXPECT_EQ((*r)[1].port(), 5353);
  EXPECT_EQ((*r)[2].address().to_string(), "::1");
  EXPECT_EQ((*r)[3].port(), 5353);
}

TEST(ParseNameServers, RejectsNamesAndBadPorts) {
  for (const char* bad : {"dns.example", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:70000",
                          "127.0.0.1:ab", "[::1]:999999"}) {
    auto r = parse_name_servers({bad});
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.error().code, "dns");
    }
  }
}

}  // namespace
}  // namespace gw::net
