// SCCP (Skinny) messages that the gateway keepalive needs, and their wire codec.
//
// Contract:
// - `encode(msg)` returns one whole frame (12-byte header + body), little-endian, hdr_version 0.
//   Encoding never fails: strings longer than their field are truncated (the field always keeps
//   a terminating NUL).
// - `decode(frame)` takes one whole frame as returned by Framer::pop() and returns a Message or
//   a named error ("sccp.short_frame", "sccp.length_mismatch", "sccp.short_body"). It never
//   throws and never allocates from a length read off the wire. Ids it does not know decode as
//   `Unknown{id}`, which callers ignore and count. Bodies longer than the fields it reads are
//   accepted (later protocol versions append fields).
// - Layouts follow /work/shared/reference/sccp.md, checked against Wireshark's `skinny`
//   dissector (tshark 4.0): every encoded message decodes there without `_ws.malformed`.
// Pure functions; no state; thread-safe.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/result.hpp"

namespace gw::sccp {

// Message ids (skinny.messageId).
enum class MessageId : std::uint32_t {
  KeepAlive = 0x0000,
  Register = 0x0001,
  IpPort = 0x0002,
  CapabilitiesRes = 0x0010,
  Unregister = 0x0027,
  RegisterAck = 0x0081,
  CapabilitiesReq = 0x009B,
  RegisterReject = 0x009D,
  Reset = 0x009F,
  KeepAliveAck = 0x0100,
  UnregisterAck = 0x0118,
};

// SCCP device types as gatewatch registers its DSP farm profiles (skinny.deviceType).
// transcode = 111 is a gatewatch definition (the dissector has no transcoder type; 111 is
// MediaTerminationPointYoko, the MTP family), see reference/ios-keepalive.md.
inline constexpr std::uint32_t kDeviceTypeConference = 50;
inline constexpr std::uint32_t kDeviceTypeMtp = 110;
inline constexpr std::uint32_t kDeviceTypeTranscode = 111;

// Header: data_length, hdr_version, messageId (3 × u32 LE). data_length counts the messageId.
inline constexpr std::size_t kHeaderSize = 12;
// DeviceName char[16]: IOS limits device names to 15 characters plus NUL.
inline constexpr std::size_t kDeviceNameSize = 16;
// RegisterReject text char[32].
inline constexpr std::size_t kRejectTextSize = 32;
// Register body we send: the basic 36-byte form (tshark decodes 36, 48 or 124).
inline constexpr std::size_t kRegisterBodySize = 36;
// RegisterAck body: exactly 20 bytes; tshark flags a shorter one as malformed.
inline constexpr std::size_t kRegisterAckBodySize = 20;
// CapabilitiesRes: capCount + 18 fixed entries of 16 bytes = 292 bytes (tshark 4.0 reads all 18).
inline constexpr std::size_t kMaxCapabilities = 18;
inline constexpr std::size_t kCapabilitiesResBodySize = 4 + kMaxCapabilities * 16;

// Media payload capability codes (skinny.payloadCapability).
inline constexpr std::uint32_t kPayloadG711Alaw64k = 2;
inline constexpr std::uint32_t kPayloadG711Ulaw64k = 4;
inline constexpr std::uint32_t kPayloadG729 = 11;

struct KeepAlive {};
struct KeepAliveAck {};

struct Register {
  std::string device_name;  // ≤ 15 characters on the wire
  std::uint32_t user_id = 0;
  std::uint32_t instance = 1;
  std::uint32_t ip = 0;  // IPv4 address in network byte order, written as-is
  std::uint32_t device_type = 0;
  std::uint32_t max_streams = 0;
};

struct RegisterAck {
  std::uint32_t keepalive_interval = 0;            // seconds; 0 = keep the configured value
  std::string date_template = "M/D/YA";            // char[6]
  std::uint32_t secondary_keepalive_interval = 0;  // seconds, for the standby connection
  std::uint8_t max_protocol_version = 0;
};

struct RegisterReject {
  std::string text;  // ≤ 31 characters on the wire
};

struct CapabilitiesReq {};

struct Capability {
  std::uint32_t payload = 0;  // payloadCapability
  std::uint32_t max_frames_per_packet = 0;
};

struct CapabilitiesRes {
  // At most kMaxCapabilities are encoded; the rest are dropped.
  std::vector<Capability> caps;
};

struct IpPort {
  std::uint32_t port = 0;
};

struct Unregister {};

struct UnregisterAck {
  std::uint32_t status = 0;
};

struct Reset {
  std::uint32_t reset_type = 1;  // 1 reset, 2 restart
};

// A well-formed frame with an id this codec does not handle.
struct Unknown {
  std::uint32_t id = 0;
};

using Message =
    std::variant<KeepAlive, KeepAliveAck, Register, RegisterAck, RegisterReject, CapabilitiesReq,
                 CapabilitiesRes, IpPort, Unregister, UnregisterAck, Reset, Unknown>;

// The capabilities gatewatch answers CapabilitiesReq with: G.711 u-law, G.711 a-law, G.729.
CapabilitiesRes default_capabilities();

std::string encode(const Message& msg);
Result<Message> decode(std::string_view frame);

// Message name as Wireshark prints it ("KeepAliveMessage" → "KeepAlive"), for logs.
std::string_view name(const Message& msg);
// The wire id of a message (Unknown gives its own id).
std::uint32_t id_of(const Message& msg);

}  // namespace gw::sccp
