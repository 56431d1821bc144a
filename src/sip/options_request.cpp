#include "sip/options_request.hpp"

namespace gw::sip {
namespace {

// Drops CR, LF and other control characters: a configured name can never end a header line.
std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u != 0x7f) out.push_back(c);
  }
  return out;
}

std::string hex64(std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[v & 0xf];
    v >>= 4;
  }
  return out;
}

std::string_view via_transport(Transport t) {
  switch (t) {
    case Transport::udp: return "UDP";
    case Transport::tcp: return "TCP";
    case Transport::tls: return "TLS";
  }
  return "UDP";
}

}  // namespace

std::string host_port(std::string_view host, std::uint16_t port) {
  std::string out;
  const bool v6 = host.find(':') != std::string_view::npos;
  if (v6) out += '[';
  out += clean(host);
  if (v6) out += ']';
  out += ':';
  out += std::to_string(port);
  return out;
}

std::string build_options(const OptionsRequest& r) {
  const std::string scheme = r.transport == Transport::tls ? "sips:" : "sip:";
  const std::string target = scheme + host_port(r.target_host, r.target_port);
  const std::string local = host_port(r.local_host, r.local_port);
  // Contact: tell the peer how to reach us on a stream transport (RFC 3261 §19.1.1 "transport").
  const std::string contact_params = r.transport == Transport::tcp ? ";transport=tcp" : "";

  std::string m;
  m.reserve(512);
  m += "OPTIONS " + target + " SIP/2.0\r\n";
  m += "Via: SIP/2.0/";
  m += via_transport(r.transport);
  m += " " + local + ";branch=" + clean(r.branch) + ";rport\r\n";
  m += "Max-Forwards: " + std::to_string(kMaxForwards) + "\r\n";
  m += "From: <" + scheme + "gatewatch@" + local + ">;tag=" + clean(r.from_tag) + "\r\n";
  m += "To: <" + target + ">\r\n";
  m += "Call-ID: " + clean(r.call_id) + "\r\n";
  m += "CSeq: " + std::to_string(r.cseq) + " OPTIONS\r\n";
  m += "Contact: <" + scheme + "gatewatch@" + local + contact_params + ">\r\n";
  m += "Accept: application/sdp\r\n";
  m += "User-Agent: " + clean(r.user_agent) + "\r\n";
  m += "Content-Length: 0\r\n";
  m += "\r\n";
  return m;
}

std::string make_branch(std::mt19937_64& rng) { return std::string(kBranchCookie) + hex64(rng()); }

std::string make_call_id(std::mt19937_64& rng, std::string_view local_host) {
  std::string id = hex64(rng()) + hex64(rng());
  if (!local_host.empty()) {
    // IPv6 colons are legal in a Call-ID word (RFC 3261 §25.1 "word"), so no brackets.
    id += '@';
    id += clean(local_host);
  }
  return id;
}

std::string make_tag(std::mt19937_64& rng) { return hex64(rng()); }

}  // namespace gw::sip
