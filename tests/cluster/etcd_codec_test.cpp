// The etcd JSON gateway codec: bodies as etcd 3.4 reads them, answers parsed or refused.
#include "cluster/etcd_codec.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gw::cluster {
namespace {

TEST(Base64, RoundTripsEveryLength) {
  std::string s;
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
    s += static_cast<char>(i * 37);
  }
  EXPECT_EQ(base64_encode("/gatewatch/"), "L2dhdGV3YXRjaC8=");
  EXPECT_FALSE(base64_decode("a!b"));
  EXPECT_FALSE(base64_decode("a"));
}

TEST(EtcdCodec, PrefixEnd) {
  EXPECT_EQ(prefix_end("/a/"), "/a0");
  EXPECT_EQ(prefix_end(std::string("a\xff", 2)), "b");
}

TEST(EtcdCodec, Bodies) {
  auto g = nlohmann::json::parse(lease_grant_body(5));
  EXPECT_EQ(g["TTL"], "5");
  auto t = nlohmann::json::parse(create_key_txn_body("/k", "v", 42));
  EXPECT_EQ(t["compare"][0]["target"], "CREATE");
  EXPECT_EQ(t["success"][0]["request_put"]["lease"], "42");
  auto w = nlohmann::json::parse(watch_create_body("/gatewatch/", 7));
  EXPECT_EQ(w["create_request"]["start_revision"], "7");
  auto p = nlohmann::json::parse(puts_txn_body({{"/a", "1"}, {"/b", "2"}}));
  EXPECT_EQ(p["success"].size(), 2u);
  EXPECT_FALSE(p.contains("compare"));
}

TEST(EtcdCodec, Grant) {
  auto g = parse_grant(R"({"header":{"revision":"3"},"ID":"7587862","TTL":"5"})");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->id, 7587862);
  EXPECT_EQ(g->ttl, 5);
  EXPECT_FALSE(parse_grant(R"({"header":{}})"));
  EXPECT_FALSE(parse_grant(R"({"ID":"x1","TTL":"5"})"));
}

TEST(EtcdCodec, KeepaliveStreamedOrNotAndExpired) {
  EXPECT_EQ(*parse_keepalive(R"({"result":{"ID":"1","TTL":"4"}})"), 4);
  EXPECT_EQ(*parse_keepalive(R"({"result":{"ID":"1"}})"), 0);
  EXPECT_EQ(*parse_keepalive(R"({"ID":"1","TTL":3})"), 3);
}

TEST(EtcdCodec, ErrorAnswer) {
  auto r = parse_range(
      R"({"error":"etcdserver: mvcc: required revision has been compacted",)"
      R"("code":11,"message":"etcdserver: mvcc: required revision has been compacted"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "etcd");
  EXPECT_NE(r.error().message.find("compacted"), std::string::npos);
}

TEST(EtcdCodec, Range) {
  auto r = parse_range(
      R"({"header":{"revision":"12"},"kvs":[{"key":"L2dhdGV3YXRjaC9tZW1iZXJzL2E=",)"
      R"("create_revision":"2","mod_revision":"3","version":"1","value":"eA==","lease":"9"}],"count":"1"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->revision, 12);
  ASSERT_EQ(r->kvs.size(), 1u);
  EXPECT_EQ(r->kvs[0].key, "/gatewatch/members/a");
  EXPECT_EQ(r->kvs[0].value, "x");
  EXPECT_EQ(r->kvs[0].lease, 9);
  EXPECT_TRUE(parse_range(R"({"header":{"revision":"1"}})"));
  EXPECT_FALSE(parse_range(R"({"kvs":[{"key":"!!"}]})"));
  EXPECT_FALSE(parse_range(R"({"kvs":{}})"));
}

TEST(EtcdCodec, Txn) {
  auto t = parse_txn(R"({"header":{"revision":"5"},"succeeded":true})");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->succeeded);
  auto f = parse_txn(R"({"header":{"revision":"5"}})");
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->succeeded);  // false is omitted by the gateway
}

TEST(EtcdCodec, TruncatedAnswersAreRefusedAtEveryLength) {
  const std::string full =
      R"({"header":{"revision":"12"},"kvs":[{"key":"L2E=","value":"eA==","mod_revision":"3"}]})";
  for (std::size_t n = 0; n < full.size(); ++n) {
    EXPECT_FALSE(parse_range(full.substr(0, n))) << n;
    EXPECT_FALSE(parse_txn(full.substr(0, n))) << n;
    EXPECT_FALSE(parse_grant(full.substr(0, n))) << n;
  }
  EXPECT_TRUE(parse_range(full));
}

}  // namespace
}  // namespace gw::cluster
