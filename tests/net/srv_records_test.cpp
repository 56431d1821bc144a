// SRV answer parsing and ordering on hand-built DNS messages.
#include "net/srv_records.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gw::net {
namespace {

using Bytes = std::vector<unsigned char>;

void put16(Bytes& b, unsigned v) {
  b.push_back(static_cast<unsigned char>(v >> 8));
  b.push_back(static_cast<unsigned char>(v));
}
void put32(Bytes& b, std::uint32_t v) {
  put16(b, v >> 16);
  put16(b, v & 0xFFFF);
}
void put_name(Bytes& b, const std::string& name) {
  std::size_t start = 0;
  while (start < name.size()) {
    auto dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    b.push_back(static_cast<unsigned char>(dot - start));
    b.insert(b.end(), name.begin() + static_cast<long>(start),
             name.begin() + static_cast<long>(dot));
    start = dot + 1;
  }
  b.push_back(0);
}

struct Rr {
  std::string target;
  unsigned priority, weight, port;
  std::uint32_t ttl;
};

Bytes srv_message(const std::string& qname, const std::vector<Rr>& rrs) {
  Bytes b;
  put16(b, 0x1234);
  put16(b, 0x8180);
  put16(b, 1);
  put16(b, static_cast<unsigned>(rrs.size()));
  put16(b, 0);
  put16(b, 0);
  put_name(b, qname);
  put16(b, 33);
  put16(b, 1);
  for (const auto& rr : rrs) {
    b.push_back(0xC0);  // pointer to the question name
    b.push_back(12);
    put16(b, 33);
    put16(b, 1);
    put32(b, rr.ttl);
    Bytes rdata;
    put16(rdata, rr.priority);
    put16(rdata, rr.weight);
    put16(rdata, rr.port);
    put_name(rdata, rr.target);
    put16(b, static_cast<unsigned>(rdata.size()));
    b.insert(b.end(), rdata.begin(), rdata.end());
  }
  return b;
}

TEST(SrvQueryName, FollowsTransport) {
  EXPECT_EQ(srv_query_name("example.com", Transport::udp), "_sip._udp.example.com");
  EXPECT_EQ(srv_query_name("example.com", Transport::tcp), "_sip._tcp.example.com");
  EXPECT_EQ(srv_query_name("example.com", Transport::tls), "_sips._tcp.example.com");
}

TEST(ParseSrvAnswer, ReadsRecordsAndSmallestTtl) {
  auto msg = srv_message("_sip._udp.example.com", {{"a.example.com", 10, 5, 5070, 300},
                                                   {"b.example.com", 20, 5, 5080, 120}});
  auto r = parse_srv_answer(msg.data(), static_cast<int>(msg.size()));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->records.size(), 2u);
  EXPECT_EQ(r->ttl, std::chrono::seconds(120));
  EXPECT_EQ(r->records[0].target, "a.example.com");
  EXPECT_EQ(r->records[0].port, 5070);
}

TEST(ParseSrvAnswer, DotTargetMeansServiceNotAvailable) {
  auto msg = srv_message("_sip._udp.example.com", {{"", 0, 0, 0, 60}});
  auto r = parse_srv_answer(msg.data(), static_cast<int>(msg.size()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "dns");
}

TEST(ParseSrvAnswer, TruncatedMessagesAreErrorsNeverCrashes) {
  auto msg = srv_message("_sip._udp.example.com", {{"a.example.com", 10, 5, 5070, 300}});
  for (std::size_t len = 0; len < msg.size(); ++len) {
    auto r = parse_srv_answer(msg.data(), static_cast<int>(len));
    EXPECT_FALSE(r.ok()) << "length " << len;
  }
}

TEST(OrderSrv, PriorityAscendingThenWeightDescending) {
  auto ordered = order_srv({{"c", 1, 20, 10}, {"a", 2, 10, 50}, {"b", 3, 10, 60}, {"d", 4, 20, 0}});
  std::vector<std::string> names;
  for (const auto& r : ordered) names.push_back(r.target);
  EXPECT_EQ(names, (std::vector<std::string>{"b", "a", "c", "d"}));
}

}  // namespace
}  // namespace gw::net
