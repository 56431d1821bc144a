#include <gtest/gtest.h>

#include "sccp/messages.hpp"

namespace gw::sccp {
namespace {

std::uint32_t u32_at(const std::string& b, std::size_t off) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + off);
  return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

template <class T>
T round_trip(const T& m) {
  auto r = decode(encode(Message{m}));
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(std::holds_alternative<T>(*r));
  return std::get<T>(*r);
}

TEST(Codec, KeepAliveIsAHeaderOnly) {
  const std::string b = encode(KeepAlive{});
  EXPECT_EQ(b, std::string("\x04\0\0\0\0\0\0\0\0\0\0\0", 12));
}

TEST(Codec, HeaderCarriesLengthVersionAndId) {
  const std::string b = encode(KeepAliveAck{});
  EXPECT_EQ(u32_at(b, 0), 4u);
  EXPECT_EQ(u32_at(b, 4), 0u);
  EXPECT_EQ(u32_at(b, 8), 0x100u);
}

TEST(Codec, RegisterHasA36ByteBodyAndRoundTrips) {
  Register r{"CFB1", 0, 1, 0x0100007f, kDeviceTypeConference, 8};
  const std::string b = encode(r);
  EXPECT_EQ(b.size(), kHeaderSize + 36);
  EXPECT_EQ(u32_at(b, 0), 40u);
  EXPECT_EQ(b.substr(12, 5), std::string("CFB1\0", 5));
  EXPECT_EQ(b.substr(36, 4), std::string("\x7f\0\0\x01", 4));  // ip as given (network order)
  auto d = round_trip(r);
  EXPECT_EQ(d.device_name, "CFB1");
  EXPECT_EQ(d.device_type, 50u);
  EXPECT_EQ(d.max_streams, 8u);
  EXPECT_EQ(d.ip, 0x0100007fu);
}

TEST(Codec, LongDeviceNameIsTruncatedTo15Characters) {
  auto d = round_trip(Register{"ABCDEFGHIJKLMNOPQRST", 0, 1, 0, kDeviceTypeMtp, 0});
  EXPECT_EQ(d.device_name, "ABCDEFGHIJKLMNO");
}

TEST(Codec, RegisterAckBodyIsExactly20Bytes) {
  RegisterAck a{15, "M/D/YA", 45, 17};
  const std::string b = encode(a);
  EXPECT_EQ(b.size(), kHeaderSize + 20);
  EXPECT_EQ(u32_at(b, 12), 15u);
  EXPECT_EQ(u32_at(b, 24), 45u);
  auto d = round_trip(a);
  EXPECT_EQ(d.keepalive_interval, 15u);
  EXPECT_EQ(d.secondary_keepalive_interval, 45u);
  EXPECT_EQ(d.date_template, "M/D/YA");
  EXPECT_EQ(d.max_protocol_version, 17u);
}

TEST(Codec, CapabilitiesResIs292BytesWithG711) {
  const std::string b = encode(default_capabilities());
  EXPECT_EQ(b.size(), kHeaderSize + 292);
  EXPECT_EQ(u32_at(b, 0), 296u);
  auto d = round_trip(default_capabilities());
  ASSERT_GE(d.caps.size(), 2u);
  EXPECT_EQ(d.caps[0].payload, kPayloadG711Ulaw64k);
  EXPECT_EQ(d.caps[1].payload, kPayloadG711Alaw64k);
}

TEST(Codec, RemainingMessagesRoundTrip) {
  EXPECT_EQ(round_trip(RegisterReject{"no such device"}).text, "no such device");
  EXPECT_EQ(round_trip(IpPort{5004}).port, 5004u);
  EXPECT_EQ(round_trip(UnregisterAck{0}).status, 0u);
  EXPECT_EQ(round_trip(Reset{2}).reset_type, 2u);
  round_trip(Unregister{});
  round_trip(CapabilitiesReq{});
  EXPECT_EQ(encode(RegisterReject{}).size(), kHeaderSize + 32);
}

TEST(Codec, UnknownIdDecodesAsUnknown) {
  auto r = decode(encode(Unknown{0x0123}));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(std::holds_alternative<Unknown>(*r));
  EXPECT_EQ(std::get<Unknown>(*r).id, 0x0123u);
}

TEST(Codec, ShortBodyIsANamedError) {
  std::string b = encode(Register{"X", 0, 1, 0, 50, 0});
  b.resize(kHeaderSize + 20);
  b[0] = 24;  // data_length consistent with the shorter frame
  auto r = decode(b);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "sccp.short_body");
}

TEST(Codec, FrameSizeMustMatchDataLength) {
  std::string b = encode(KeepAlive{});
  b.push_back('\0');
  EXPECT_EQ(decode(b).error().code, "sccp.length_mismatch");
  EXPECT_EQ(decode(b.substr(0, 5)).error().code, "sccp.short_frame");
}

TEST(Codec, IdOfAndName) {
  EXPECT_EQ(id_of(Message{RegisterAck{}}), 0x81u);
  EXPECT_EQ(id_of(Message{Unknown{77}}), 77u);
  EXPECT_EQ(name(Message{CapabilitiesRes{}}), "CapabilitiesRes");
}

}  // namespace
}  // namespace gw::sccp
