#include "sip/stream_framer.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gw::sip {
namespace {

std::string message(std::string_view body = "", std::string_view call_id = "a") {
  return "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nCall-ID: " +
         std::string(call_id) +
         "\r\nCSeq: 1 OPTIONS\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         std::string(body);
}

// Drains every complete message; fails the test on an error.
std::vector<std::string> drain(StreamFramer& f) {
  std::vector<std::string> out;
  for (;;) {
    auto next = f.next();
    EXPECT_TRUE(next.ok()) << next.error().code;
    if (!next.ok() || !next->has_value()) return out;
    out.push_back(**next);
  }
}

TEST(StreamFramer, ByteByByteDeliveryYieldsTheMessageOnlyWhenComplete) {
  const std::string m = message("hello");
  StreamFramer f;
  for (std::size_t i = 0; i < m.size(); ++i) {
    ASSERT_TRUE(f.feed(std::string_view(m).substr(i, 1)).ok());
    auto got = drain(f);
    if (i + 1 < m.size()) {
      ASSERT_TRUE(got.empty()) << "early message at byte " << i;
    } else {
      ASSERT_EQ(got.size(), 1u);
      EXPECT_EQ(got[0], m);
    }
  }
  EXPECT_EQ(f.buffered(), 0u);
}

TEST(StreamFramer, TwoMessagesInOneReadComeOutOneByOne) {
  const std::string a = message("one", "a"), b = message("", "b");
  StreamFramer f;
  ASSERT_TRUE(f.feed(a + b).ok());
  auto first = f.next();
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ(**first, a);
  auto second = f.next();
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_EQ(**second, b);
  auto none = f.next();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

TEST(StreamFramer, MessageAndAHalfKeepsTheTailForLater) {
  const std::string a = message("x"), b = message("yz");
  StreamFramer f;
  ASSERT_TRUE(f.feed(a + b.substr(0, 10)).ok());
  EXPECT_EQ(drain(f), std::vector<std::string>{a});
  ASSERT_TRUE(f.feed(b.substr(10)).ok());
  EXPECT_EQ(drain(f), std::vector<std::string>{b});
}

TEST(StreamFramer, CrlfKeepalivesBetweenMessagesAreSkipped) {
  const std::string m = message();
  StreamFramer f;
  ASSERT_TRUE(f.feed("\r\n\r\n" + m + "\r\n" + m + "\r\n\r\n").ok());
  EXPECT_EQ(drain(f), (std::vector<std::string>{m, m}));
  EXPECT_EQ(f.keepalives_seen(), 3u);
  EXPECT_EQ(f.buffered(), 0u);
}

TEST(StreamFramer, CompactContentLengthIsHonoured) {
  const std::string m = "SIP/2.0 200 OK\r\nl: 2\r\n\r\nok";
  StreamFramer f;
  ASSERT_TRUE(f.feed(m).ok());
  EXPECT_EQ(drain(f), std::vector<std::string>{m});
}

TEST(StreamFramer, OversizedHeaderWithoutEndIsCutAndTerminal) {
  StreamFramer f;
  const std::string chunk(4096, 'a');
  bool failed = false;
  for (int i = 0; i < 40 && !failed; ++i) {
    ASSERT_TRUE(f.feed(chunk).ok());
    auto next = f.next();
    if (!next.ok()) {
      EXPECT_EQ(next.error().code, "header-too-large");
      failed = true;
    }
  }
  ASSERT_TRUE(failed);
  EXPECT_TRUE(f.failed());
  EXPECT_EQ(f.buffered(), 0u);
  EXPECT_FALSE(f.feed(message()).ok());  // terminal: the connection must be closed
  EXPECT_EQ(f.next().error().code, "header-too-large");
}

TEST(StreamFramer, MissingContentLengthIsTerminal) {
  StreamFramer f;
  ASSERT_TRUE(f.feed("SIP/2.0 200 OK\r\nCall-ID: x\r\n\r\n").ok());
  auto next = f.next();
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, "missing-content-length");
}

TEST(StreamFramer, InvalidOrHugeContentLengthIsTerminal) {
  for (auto [value, code] : {std::pair{"abc", "bad-content-length"},
                             {"-5", "bad-content-length"},
                             {"99999999999", "bad-content-length"},
                             {"65530", "too-large"}}) {
    StreamFramer f;
    ASSERT_TRUE(
        f.feed("SIP/2.0 200 OK\r\nContent-Length: " + std::string(value) + "\r\n\r\n").ok());
    auto next = f.next();
    ASSERT_FALSE(next.ok()) << value;
    EXPECT_EQ(next.error().code, code) << value;
  }
}

TEST(StreamFramer, FeedingWithoutDrainingIsBounded) {
  StreamFramer f;
  const std::string chunk(StreamFramer::kMaxFeedBytes, 'a');
  ASSERT_TRUE(f.feed(chunk).ok());
  ASSERT_TRUE(f.feed(std::string(StreamFramer::kMaxBufferedBytes - chunk.size(), 'b')).ok());
  auto s = f.feed("c");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "buffer-overflow");
  EXPECT_LE(f.buffered(), StreamFramer::kMaxBufferedBytes);
}

}  // namespace
}  // namespace gw::sip
