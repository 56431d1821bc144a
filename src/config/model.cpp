#include "config/model.hpp"

#include "cli/token_types.hpp"

namespace gw::config {

std::string configured_text(const KeepaliveTarget& target) {
  SipServer s = target.server;
  if (s.kind != SipServer::Kind::dns) s.port = target.port();
  return format_sip_server(s);
}

std::string VoicePortId::text() const {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) s += '/';
    s += std::to_string(parts[i]);
  }
  return s;
}

std::optional<VoicePortId> VoicePortId::parse(std::string_view s) {
  if (!cli::is_voice_port(s)) return std::nullopt;
  VoicePortId id;
  std::size_t start = 0;
  while (true) {
    auto slash = s.find('/', start);
    id.parts.push_back(static_cast<int>(
        *cli::parse_number(s.substr(start, slash == s.npos ? s.npos : slash - start))));
    if (slash == s.npos) break;
    start = slash + 1;
  }
  return id;
}

std::string_view to_string(DspfarmKind k) {
  switch (k) {
    case DspfarmKind::conference:
      return "conference";
    case DspfarmKind::mtp:
      return "mtp";
    case DspfarmKind::transcode:
      return "transcode";
  }
  return "conference";
}

int device_type(DspfarmKind k) {
  switch (k) {
    case DspfarmKind::conference:
      return 50;
    case DspfarmKind::mtp:
      return 110;
    case DspfarmKind::transcode:
      return 111;
  }
  return 50;
}

}  // namespace gw::config
