// The watch stream reader: messages come out whole wherever the bytes were cut.
#include "cluster/watch_stream.hpp"

#include <gtest/gtest.h>

namespace gw::cluster {
namespace {

const std::string kStream =
    R"({"result":{"header":{"revision":"5"},"created":true}})"
    "\n"
    R"({"result":{"header":{"revision":"6"},"events":[{"kv":{"key":"L2dhdGV3YXRjaC9tZW1iZXJzL2I=",)"
    R"("create_revision":"6","mod_revision":"6","version":"1","value":"e30=","lease":"1"}}]}})"
    "\n"
    R"({"result":{"header":{"revision":"7"},"events":[{"type":"DELETE","kv":{"key":)"
    R"("L2dhdGV3YXRjaC9tZW1iZXJzL2I=","mod_revision":"7"}}]}})"
    "\n"
    R"({"result":{"header":{"revision":"8"},"events":[{"kv":{"key":"L2dhdGV3YXRjaC9zdGF0ZXMvMTA=",)"
    R"("mod_revision":"8","value":"eyJzdGF0ZSI6ImRvd24iLCJub2RlIjoiYiIsInJlYXNvbiI6InRpbWVvdXQiIn0="}}]}})"
    "\n";

void check(const std::vector<WatchMessage>& all) {
  ASSERT_EQ(all.size(), 4u);
  EXPECT_TRUE(all[0].created);
  EXPECT_EQ(all[1].revision, 6);
  ASSERT_EQ(all[1].events.size(), 1u);
  EXPECT_FALSE(all[1].events[0].deleted);
  EXPECT_EQ(all[1].events[0].kv.key, "/gatewatch/members/b");
  EXPECT_TRUE(all[2].events[0].deleted);
  EXPECT_EQ(all[3].events[0].kv.key, "/gatewatch/states/10");
}

TEST(WatchStream, WholeStream) {
  WatchStream w;
  auto r = w.feed(kStream);
  ASSERT_TRUE(r);
  check(*r);
  EXPECT_EQ(w.buffered(), 0u);
}

TEST(WatchStream, SplitAtEveryByte) {
  for (std::size_t cut = 0; cut <= kStream.size(); ++cut) {
    WatchStream w;
    auto a = w.feed(std::string_view(kStream).substr(0, cut));
    auto b = w.feed(std::string_view(kStream).substr(cut));
    ASSERT_TRUE(a && b) << cut;
    std::vector<WatchMessage> all = *a;
    all.insert(all.end(), b->begin(), b->end());
    check(all);
  }
}

TEST(WatchStream, OneByteAtATime) {
  WatchStream w;
  std::vector<WatchMessage> all;
  for (char c : kStream) {
    auto r = w.feed(std::string_view(&c, 1));
    ASSERT_TRUE(r);
    all.insert(all.end(), r->begin(), r->end());
  }
  check(all);
}

TEST(WatchStream, BracesInsideStringsDoNotCount) {
  WatchStream w;
  auto r = w.feed(R"({"result":{"header":{"revision":"1"},"x":"}{\"}"}})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->size(), 1u);
}

TEST(WatchStream, CompactedRevision) {
  WatchStream w;
  auto r =
      w.feed(R"({"result":{"header":{"revision":"30"},"canceled":true,"compact_revision":"20"}})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].compact_revision, 20);
  EXPECT_TRUE((*r)[0].canceled);
}

TEST(WatchStream, ErrorsKillTheStream) {
  {
    WatchStream w;
    EXPECT_FALSE(w.feed("garbage"));
    EXPECT_TRUE(w.dead());
    EXPECT_FALSE(w.feed("{}"));
  }
  {
    WatchStream w;
    auto r = w.feed(R"({"error":{"grpc_code":14,"http_code":503,"message":"unavailable"}})");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "etcd");
  }
  {
    WatchStream w;
    EXPECT_FALSE(w.feed(R"({"result":{"events":[{"kv":{"key":"!"}}]}})"));
  }
  {
    WatchStream w;
    EXPECT_FALSE(w.feed("{]"));
  }
}

TEST(WatchStream, OversizedMessageIsRefusedNotBuffered) {
  WatchStream w;
  std::string big = "{\"x\":\"" + std::string(1 << 20, 'a');
  bool failed = false;
  for (int i = 0; i < 20 && !failed; ++i) failed = !w.feed(big);
  EXPECT_TRUE(failed);
  EXPECT_EQ(w.buffered(), 0u);
}

}  // namespace
}  // namespace gw::cluster
