#include "sip/options_request.hpp"

namespace gw::sip {
namespace {

// Appends `s` without CR, LF and other control characters: a configured name can never end a
// header line.
// Clean runs are appended whole (the common case: one append per field).
void append_clean(std::string& out, std::string_view s) {
  const auto control = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  };
  while (!s.empty()) {
    std::size_t run = 0;
    while (run < s.size() && !control(s[run])) ++run;
    out.append(s.data(), run);
    s.remove_prefix(run < s.size() ? run + 1 : run);
  }
}

void append_uint(std::string& out, std::uint32_t v) {
  char digits[10];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(digits[--n]);
}

void append_host_port(std::string& out, std::string_view host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string_view::npos;
  if (v6) out += '[';
  append_clean(out, host);
  if (v6) out += ']';
  out += ':';
  append_uint(out, port);
}

// Appends v as 16 lower-case hex digits.
void append_hex64(std::string& out, std::uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  char digits[16];
  for (int i = 15; i >= 0; --i) {
    digits[i] = kDigits[v & 0xf];
    v >>= 4;
  }
  out.append(digits, sizeof digits);
}

std::string_view via_transport(Transport t) {
  switch (t) {
    case Transport::udp:
      return "UDP";
    case Transport::tcp:
      return "TCP";
    case Transport::tls:
      return "TLS";
  }
  return "UDP";
}

}  // namespace

std::string host_port(std::string_view host, std::uint16_t port) {
  std::string out;
  append_host_port(out, host, port);
  return out;
}

std::string build_options(const OptionsRequest& r) {
  std::string m;
  build_options(r, m);
  return m;
}

// One buffer, appended in place: this runs once per keepalive attempt (100k dial-peers).
void build_options(const OptionsRequest& r, std::string& m) {
  const std::string_view scheme = r.transport == Transport::tls ? "sips:" : "sip:";
  const auto target = [&](std::string& m) {
    m += scheme;
    append_host_port(m, r.target_host, r.target_port);
  };
  const auto local = [&](std::string& m) { append_host_port(m, r.local_host, r.local_port); };

  m.clear();
  m.reserve(512);
  m += "OPTIONS ";
  target(m);
  m += " SIP/2.0\r\nVia: SIP/2.0/";
  m += via_transport(r.transport);
  m += ' ';
  local(m);
  m += ";branch=";
  append_clean(m, r.branch);
  m += ";rport\r\nMax-Forwards: ";
  append_uint(m, kMaxForwards);
  m += "\r\nFrom: <";
  m += scheme;
  m += "gatewatch@";
  local(m);
  m += ">;tag=";
  append_clean(m, r.from_tag);
  m += "\r\nTo: <";
  target(m);
  m += ">\r\nCall-ID: ";
  append_clean(m, r.call_id);
  m += "\r\nCSeq: ";
  append_uint(m, r.cseq);
  m += " OPTIONS\r\nContact: <";
  m += scheme;
  m += "gatewatch@";
  local(m);
  // Tell the peer how to reach us on a stream transport (RFC 3261 §19.1.1 "transport").
  if (r.transport == Transport::tcp) m += ";transport=tcp";
  m += ">\r\nAccept: application/sdp\r\nUser-Agent: ";
  append_clean(m, r.user_agent);
  m += "\r\nContent-Length: 0\r\n\r\n";
}

std::string make_branch(std::mt19937_64& rng) {
  std::string out;
  make_branch(rng, out);
  return out;
}

std::string make_call_id(std::mt19937_64& rng, std::string_view local_host) {
  std::string out;
  make_call_id(rng, local_host, out);
  return out;
}

std::string make_tag(std::mt19937_64& rng) {
  std::string out;
  make_tag(rng, out);
  return out;
}

void make_branch(std::mt19937_64& rng, std::string& out) {
  out.assign(kBranchCookie);
  append_hex64(out, rng());
}

void make_call_id(std::mt19937_64& rng, std::string_view local_host, std::string& out) {
  // The first number drawn goes last: the digits stay those the earlier `hex64(rng()) +
  // hex64(rng())` gave with GCC (right to left), so seeded runs keep their Call-IDs.
  const std::uint64_t first = rng();
  const std::uint64_t second = rng();
  out.clear();
  append_hex64(out, second);
  append_hex64(out, first);
  if (!local_host.empty()) {
    // IPv6 colons are legal in a Call-ID word (RFC 3261 §25.1 "word"), so no brackets.
    out += '@';
    append_clean(out, local_host);
  }
}

void make_tag(std::mt19937_64& rng, std::string& out) {
  out.clear();
  append_hex64(out, rng());
}

}  // namespace gw::sip
