// SCCP codec: Message <-> one wire frame. See messages.hpp for the contract.
#include <algorithm>
#include <cstring>
#include <type_traits>

#include "sccp/messages.hpp"

namespace gw::sccp {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
  char b[4] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
               static_cast<char>((v >> 16) & 0xff), static_cast<char>((v >> 24) & 0xff)};
  out.append(b, 4);
}

void put_u8(std::string& out, std::uint8_t v) {
  out.push_back(static_cast<char>(v));
}

// A fixed char[size] field: truncated so that at least one NUL remains, zero padded.
void put_fixed(std::string& out, std::string_view s, std::size_t size) {
  const std::size_t n = std::min(s.size(), size - 1);
  out.append(s.data(), n);
  out.append(size - n, '\0');
}

std::uint32_t get_u32(std::string_view b, std::size_t off) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + off);
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// A fixed char field up to its first NUL.
std::string get_fixed(std::string_view b, std::size_t off, std::size_t size) {
  std::string_view f = b.substr(off, size);
  return std::string(f.substr(0, f.find('\0')));
}

std::string frame(MessageId id, const std::string& body) {
  std::string out;
  out.reserve(kHeaderSize + body.size());
  put_u32(out, static_cast<std::uint32_t>(4 + body.size()));
  put_u32(out, 0);  // hdr_version: basic
  put_u32(out, static_cast<std::uint32_t>(id));
  out += body;
  return out;
}

std::string body_of(const Register& m) {
  std::string b;
  put_fixed(b, m.device_name, kDeviceNameSize);
  put_u32(b, m.user_id);
  put_u32(b, m.instance);
  b.append(reinterpret_cast<const char*>(&m.ip), 4);  // already network order
  put_u32(b, m.device_type);
  put_u32(b, m.max_streams);
  return b;
}

std::string body_of(const RegisterAck& m) {
  std::string b;
  put_u32(b, m.keepalive_interval);
  put_fixed(b, m.date_template, 7);  // char[6] + 2 pad: NUL-padded to 8 bytes
  b.push_back('\0');
  put_u32(b, m.secondary_keepalive_interval);
  put_u8(b, m.max_protocol_version);
  put_u8(b, 0);
  b.append(2, '\0');  // phoneFeatures
  return b;
}

std::string body_of(const CapabilitiesRes& m) {
  std::string b;
  const std::size_t n = std::min(m.caps.size(), kMaxCapabilities);
  put_u32(b, static_cast<std::uint32_t>(n));
  for (std::size_t i = 0; i < kMaxCapabilities; ++i) {
    if (i < n) {
      put_u32(b, m.caps[i].payload);
      put_u32(b, m.caps[i].max_frames_per_packet);
      b.append(8, '\0');  // payload union: codecMode/dynamicPayload/params + pad, all zero
    } else {
      b.append(16, '\0');
    }
  }
  return b;
}

std::string u32_body(std::uint32_t v) {
  std::string b;
  put_u32(b, v);
  return b;
}

}  // namespace

CapabilitiesRes default_capabilities() {
  // 20 ms of G.711 / G.729 per packet, the IOS DSP-farm default packetisation.
  return CapabilitiesRes{
      {{kPayloadG711Ulaw64k, 20}, {kPayloadG711Alaw64k, 20}, {kPayloadG729, 20}}};
}

std::string encode(const Message& msg) {
  return std::visit(
      [](const auto& m) -> std::string {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, KeepAlive>)
          return frame(MessageId::KeepAlive, {});
        else if constexpr (std::is_same_v<T, KeepAliveAck>)
          return frame(MessageId::KeepAliveAck, {});
        else if constexpr (std::is_same_v<T, Register>)
          return frame(MessageId::Register, body_of(m));
        else if constexpr (std::is_same_v<T, RegisterAck>)
          return frame(MessageId::RegisterAck, body_of(m));
        else if constexpr (std::is_same_v<T, RegisterReject>) {
          std::string b;
          put_fixed(b, m.text, kRejectTextSize);
          return frame(MessageId::RegisterReject, b);
        } else if constexpr (std::is_same_v<T, CapabilitiesReq>)
          return frame(MessageId::CapabilitiesReq, {});
        else if constexpr (std::is_same_v<T, CapabilitiesRes>)
          return frame(MessageId::CapabilitiesRes, body_of(m));
        else if constexpr (std::is_same_v<T, IpPort>)
          return frame(MessageId::IpPort, u32_body(m.port));
        else if constexpr (std::is_same_v<T, Unregister>)
          return frame(MessageId::Unregister, {});
        else if constexpr (std::is_same_v<T, UnregisterAck>)
          return frame(MessageId::UnregisterAck, u32_body(m.status));
        else if constexpr (std::is_same_v<T, Reset>)
          return frame(MessageId::Reset, u32_body(m.reset_type));
        else
          return frame(static_cast<MessageId>(m.id), {});  // Unknown: header only
      },
      msg);
}

Result<Message> decode(std::string_view f) {
  if (f.size() < kHeaderSize) return fail("sccp.short_frame", "frame shorter than the header");
  const std::uint32_t data_length = get_u32(f, 0);
  if (data_length < 4 || static_cast<std::size_t>(data_length) + 8 != f.size())
    return fail("sccp.length_mismatch", "data_length does not match the frame size");
  const std::uint32_t id = get_u32(f, 8);
  const std::string_view b = f.substr(kHeaderSize);
  auto need = [&](std::size_t n) { return b.size() >= n; };
  const auto short_body = [&] {
    return fail("sccp.short_body", "body too short for message id " + std::to_string(id));
  };

  switch (static_cast<MessageId>(id)) {
    case MessageId::KeepAlive:
      return Message{KeepAlive{}};
    case MessageId::KeepAliveAck:
      return Message{KeepAliveAck{}};
    case MessageId::Register: {
      if (!need(kRegisterBodySize)) return short_body();
      Register r;
      r.device_name = get_fixed(b, 0, kDeviceNameSize);
      r.user_id = get_u32(b, 16);
      r.instance = get_u32(b, 20);
      std::memcpy(&r.ip, b.data() + 24, 4);
      r.device_type = get_u32(b, 28);
      r.max_streams = get_u32(b, 32);
      return Message{r};
    }
    case MessageId::RegisterAck: {
      // Accept the fields we use (interval, template, secondary); the trailing bytes are optional.
      if (!need(16)) return short_body();
      RegisterAck a;
      a.keepalive_interval = get_u32(b, 0);
      a.date_template = get_fixed(b, 4, 6);
      a.secondary_keepalive_interval = get_u32(b, 12);
      if (need(17)) a.max_protocol_version = static_cast<std::uint8_t>(b[16]);
      return Message{a};
    }
    case MessageId::RegisterReject:
      // Some peers send a shorter text; take what is there, up to the field size.
      return Message{RegisterReject{get_fixed(b, 0, kRejectTextSize)}};
    case MessageId::CapabilitiesReq:
      return Message{CapabilitiesReq{}};
    case MessageId::CapabilitiesRes: {
      if (!need(4)) return short_body();
      CapabilitiesRes r;
      const std::size_t count = std::min<std::size_t>(get_u32(b, 0), kMaxCapabilities);
      for (std::size_t i = 0; i < count && need(4 + (i + 1) * 16); ++i)
        r.caps.push_back({get_u32(b, 4 + i * 16), get_u32(b, 8 + i * 16)});
      return Message{r};
    }
    case MessageId::IpPort:
      if (!need(4)) return short_body();
      return Message{IpPort{get_u32(b, 0)}};
    case MessageId::Unregister:
      return Message{Unregister{}};
    case MessageId::UnregisterAck:
      // status is optional in practice: absent means 0 (ok).
      return Message{UnregisterAck{need(4) ? get_u32(b, 0) : 0}};
    case MessageId::Reset:
      if (!need(4)) return short_body();
      return Message{Reset{get_u32(b, 0)}};
  }
  return Message{Unknown{id}};
}

std::string_view name(const Message& msg) {
  static constexpr std::string_view kNames[] = {
      "KeepAlive",      "KeepAliveAck",    "Register",        "RegisterAck",
      "RegisterReject", "CapabilitiesReq", "CapabilitiesRes", "IpPort",
      "Unregister",     "UnregisterAck",   "Reset",           "Unknown"};
  static_assert(std::size(kNames) == std::variant_size_v<Message>);
  return kNames[msg.index()];
}

std::uint32_t id_of(const Message& msg) {
  return std::visit(
      [](const auto& m) -> std::uint32_t {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Unknown>)
          return m.id;
        else
          return get_u32(encode(Message{m}), 8);
      },
      msg);
}

}  // namespace gw::sccp
