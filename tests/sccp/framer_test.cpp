#include "sccp/framer.hpp"

#include <gtest/gtest.h>

#include "sccp/messages.hpp"

namespace gw::sccp {
namespace {

std::string header(std::uint32_t data_length, std::uint32_t id) {
  std::string b;
  for (std::uint32_t v : {data_length, 0u, id})
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  return b;
}

TEST(Framer, ByteByByteYieldsEveryFrameOnce) {
  const std::string a = encode(KeepAlive{}), b = encode(Register{"CFB1", 0, 1, 0, 50, 4}),
                    c = encode(default_capabilities());
  const std::string all = a + b + c;
  Framer f;
  std::vector<std::string> frames;
  for (char ch : all) {
    ASSERT_TRUE(f.feed(std::string_view(&ch, 1)).ok());
    while (auto fr = f.pop()) frames.push_back(*fr);
  }
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0], a);
  EXPECT_EQ(frames[1], b);
  EXPECT_EQ(frames[2], c);
  EXPECT_EQ(f.buffered(), 0u);
}

TEST(Framer, TruncatedFrameWaitsForTheRest) {
  const std::string r = encode(Register{"CFB1", 0, 1, 0, 50, 4});
  Framer f;
  ASSERT_TRUE(f.feed(r.substr(0, r.size() - 1)).ok());
  EXPECT_FALSE(f.pop().has_value());
  EXPECT_EQ(f.buffered(), r.size() - 1);
  ASSERT_TRUE(f.feed(r.substr(r.size() - 1)).ok());
  EXPECT_EQ(f.pop(), r);
}

TEST(Framer, LyingHugeDataLengthIsTerminalBeforeTheBodyArrives) {
  Framer f;
  auto st = f.feed(header(0xfffffff0u, 1));
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "sccp.bad_length");
  EXPECT_TRUE(f.failed());
  EXPECT_FALSE(f.pop().has_value());
  EXPECT_FALSE(f.feed(encode(KeepAlive{})).ok()) << "failure is terminal";
}

TEST(Framer, DataLengthBelowFourIsTerminal) {
  Framer f;
  EXPECT_FALSE(f.feed(header(3, 0)).ok());
}

TEST(Framer, DataLengthJustAboveTheLimitIsRejectedAndTheLimitAccepted) {
  Framer ok;
  std::string max =
      header(Framer::kMaxDataLength, 0x7777) + std::string(Framer::kMaxDataLength - 4, 'x');
  ASSERT_TRUE(ok.feed(max).ok());
  EXPECT_EQ(ok.pop(), max);
  Framer bad;
  EXPECT_FALSE(bad.feed(header(Framer::kMaxDataLength + 1, 0x7777)).ok());
}

TEST(Framer, LyingLengthInALaterFrameIsSeenWhenItsHeaderArrives) {
  Framer f;
  ASSERT_TRUE(f.feed(encode(KeepAlive{}) + std::string("\xff\xff", 2)).ok());
  EXPECT_FALSE(f.feed(std::string("\xff\x7f", 2)).ok());
}

TEST(Framer, UnknownIdsPassThroughAndDecodeAsUnknown) {
  Framer f;
  ASSERT_TRUE(f.feed(header(8, 0x4242) + std::string(4, '\0')).ok());
  auto fr = f.pop();
  ASSERT_TRUE(fr.has_value());
  auto m = decode(*fr);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(std::get<Unknown>(*m).id, 0x4242u);
}

TEST(Framer, UnconsumedBytesAreBounded) {
  Framer f;
  const std::string ka = encode(KeepAlive{});
  std::string big;
  while (big.size() <= Framer::kMaxBuffered) big += ka;
  auto st = f.feed(big);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "sccp.buffer_overflow");
}

TEST(Framer, PoppingKeepsTheBufferSmall) {
  Framer f;
  const std::string ka = encode(KeepAlive{});
  for (int i = 0; i < 20000; ++i) {
    ASSERT_TRUE(f.feed(ka).ok());
    ASSERT_TRUE(f.pop().has_value());
  }
  EXPECT_EQ(f.buffered(), 0u);
}

}  // namespace
}  // namespace gw::sccp
