#include "config/sip_server.hpp"

#include <cctype>

#include "cli/token_types.hpp"

namespace gw::config {

std::optional<SipServer> parse_sip_server(std::string_view word) {
  auto w = cli::split_sip_server(word);
  if (!w) return std::nullopt;
  SipServer s;
  switch (w->kind) {
    case cli::SipServerWord::Kind::ipv4:
      s.kind = SipServer::Kind::ipv4;
      break;
    case cli::SipServerWord::Kind::ipv6:
      s.kind = SipServer::Kind::ipv6;
      break;
    case cli::SipServerWord::Kind::dns:
      s.kind = SipServer::Kind::dns;
      break;
  }
  s.host = std::string(w->host);
  if (s.kind == SipServer::Kind::dns)
    for (auto& c : s.host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  s.port = w->port;
  return s;
}

std::string format_sip_server(const SipServer& s) {
  std::string out;
  switch (s.kind) {
    case SipServer::Kind::ipv4:
      out = "ipv4:" + s.host;
      break;
    case SipServer::Kind::ipv6:
      out = s.port ? "ipv6:[" + s.host + "]" : "ipv6:" + s.host;
      break;
    case SipServer::Kind::dns:
      out = "dns:" + s.host;
      break;
  }
  if (s.port) out += ":" + std::to_string(*s.port);
  return out;
}

}  // namespace gw::config
