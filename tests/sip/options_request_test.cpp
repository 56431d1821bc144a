#include "sip/options_request.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sip/response.hpp"

namespace gw::sip {
namespace {

OptionsRequest sample(Transport t = Transport::udp) {
  OptionsRequest r;
  r.transport = t;
  r.target_host = "192.0.2.10";
  r.target_port = 5060;
  r.local_host = "192.0.2.1";
  r.local_port = 5062;
  r.branch = "z9hG4bK0123456789abcdef";
  r.call_id = "c0ffee@192.0.2.1";
  r.from_tag = "f00d";
  r.cseq = 7;
  return r;
}

bool has_line(const std::string& msg, const std::string& line) {
  return msg.find("\r\n" + line + "\r\n") != std::string::npos || msg.rfind(line + "\r\n", 0) == 0;
}

TEST(OptionsRequest, HasEveryMandatoryHeaderWithCrlfLineEnds) {
  const std::string m = build_options(sample());
  EXPECT_TRUE(has_line(m, "OPTIONS sip:192.0.2.10:5060 SIP/2.0"));
  EXPECT_TRUE(has_line(m, "Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bK0123456789abcdef;rport"));
  EXPECT_TRUE(has_line(m, "Max-Forwards: 70"));
  EXPECT_TRUE(has_line(m, "From: <sip:gatewatch@192.0.2.1:5062>;tag=f00d"));
  EXPECT_TRUE(has_line(m, "To: <sip:192.0.2.10:5060>"));
  EXPECT_TRUE(has_line(m, "Call-ID: c0ffee@192.0.2.1"));
  EXPECT_TRUE(has_line(m, "CSeq: 7 OPTIONS"));
  EXPECT_TRUE(has_line(m, "Contact: <sip:gatewatch@192.0.2.1:5062>"));
  EXPECT_TRUE(has_line(m, "Accept: application/sdp"));
  EXPECT_TRUE(has_line(m, "User-Agent: gatewatch"));
  EXPECT_TRUE(has_line(m, "Content-Length: 0"));
  ASSERT_GE(m.size(), 4u);
  EXPECT_EQ(m.substr(m.size() - 4), "\r\n\r\n");
  // No bare LF anywhere.
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') {
      EXPECT_EQ(m[i - 1], '\r') << "bare LF at " << i;
    }
  }
}

TEST(OptionsRequest, TlsUsesSipsUrisAndTlsVia) {
  auto r = sample(Transport::tls);
  r.target_port = 5061;
  const std::string m = build_options(r);
  EXPECT_TRUE(has_line(m, "OPTIONS sips:192.0.2.10:5061 SIP/2.0"));
  EXPECT_NE(m.find("Via: SIP/2.0/TLS 192.0.2.1:5062;"), std::string::npos);
  EXPECT_TRUE(has_line(m, "To: <sips:192.0.2.10:5061>"));
}

TEST(OptionsRequest, TcpViaAndContactTransport) {
  const std::string m = build_options(sample(Transport::tcp));
  EXPECT_NE(m.find("Via: SIP/2.0/TCP "), std::string::npos);
  EXPECT_TRUE(has_line(m, "Contact: <sip:gatewatch@192.0.2.1:5062;transport=tcp>"));
}

TEST(OptionsRequest, Ipv6HostsAreBracketed) {
  auto r = sample();
  r.target_host = "2001:db8::10";
  r.local_host = "2001:db8::1";
  const std::string m = build_options(r);
  EXPECT_TRUE(has_line(m, "OPTIONS sip:[2001:db8::10]:5060 SIP/2.0"));
  EXPECT_NE(m.find("Via: SIP/2.0/UDP [2001:db8::1]:5062;"), std::string::npos);
  EXPECT_EQ(host_port("2001:db8::10", 5070), "[2001:db8::10]:5070");
  EXPECT_EQ(host_port("sip.example.com", 5060), "sip.example.com:5060");
}

TEST(OptionsRequest, ControlCharactersCannotInjectHeaders) {
  auto r = sample();
  r.user_agent = "evil\r\nX-Injected: 1";
  const std::string m = build_options(r);
  EXPECT_EQ(m.find("\r\nX-Injected"), std::string::npos);
  EXPECT_TRUE(has_line(m, "User-Agent: evilX-Injected: 1"));
}

TEST(OptionsRequest, IdentifiersComeFromTheCallersEngineDeterministically) {
  std::mt19937_64 a(42), b(42);
  const std::string branch = make_branch(a);
  EXPECT_EQ(branch, make_branch(b));
  EXPECT_EQ(branch.rfind("z9hG4bK", 0), 0u);
  EXPECT_EQ(branch.size(), 7u + 16u);
  EXPECT_NE(make_branch(a), branch);  // the engine moved on
  const std::string call_id = make_call_id(a, "192.0.2.1");
  EXPECT_EQ(call_id.size(), 32u + 1u + 9u);
  EXPECT_NE(call_id.find("@192.0.2.1"), std::string::npos);
  EXPECT_EQ(make_tag(a).size(), 16u);
}

TEST(OptionsRequest, BuilderOutputIsReadBackByOurParserAsAMatchingRequestShape) {
  // Our parser reads responses; turn the request into a response by swapping the start line,
  // which keeps every header the peer would echo.
  const OptionsRequest r = sample();
  std::string m = build_options(r);
  m.replace(0, m.find("\r\n"), "SIP/2.0 200 OK");
  auto parsed = parse_response(m);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code << ": " << parsed.error().message;
  EXPECT_EQ(parsed->status, 200);
  ASSERT_EQ(parsed->vias.size(), 1u);
  EXPECT_EQ(parsed->vias[0].transport, "UDP");
  EXPECT_EQ(parsed->vias[0].host, "192.0.2.1");
  EXPECT_EQ(parsed->vias[0].port, 5062);
  EXPECT_EQ(parsed->vias[0].branch, r.branch);
  EXPECT_TRUE(parsed->vias[0].rport);
  EXPECT_EQ(parsed->call_id, r.call_id);
  EXPECT_EQ(parsed->cseq, 7u);
  EXPECT_EQ(parsed->cseq_method, "OPTIONS");
  EXPECT_EQ(parsed->from_tag, "f00d");
  EXPECT_EQ(parsed->content_length, 0u);
  EXPECT_TRUE(match(*parsed, r));
}

TEST(OptionsRequest, Ipv6BuilderOutputParsesBack) {
  auto r = sample(Transport::tls);
  r.local_host = "2001:db8::1";
  std::string m = build_options(r);
  m.replace(0, m.find("\r\n"), "SIP/2.0 404 Not Found");
  auto parsed = parse_response(m);
  ASSERT_TRUE(parsed.ok()) << parsed.error().code;
  EXPECT_EQ(parsed->vias[0].transport, "TLS");
  EXPECT_EQ(parsed->vias[0].host, "2001:db8::1");
  EXPECT_EQ(parsed->vias[0].port, 5062);
}

TEST(OptionsRequest, InPlaceBuildersGiveTheSameBytesAndIdentifiers) {
  std::mt19937_64 a(7), b(7);
  std::string branch = "left over", call_id = "left over", tag = "left over";
  make_branch(a, branch);
  EXPECT_EQ(branch, make_branch(b));
  make_call_id(a, "192.0.2.1", call_id);
  EXPECT_EQ(call_id, make_call_id(b, "192.0.2.1"));
  make_tag(a, tag);
  EXPECT_EQ(tag, make_tag(b));
  std::string bytes = "left over";
  build_options(sample(), bytes);
  EXPECT_EQ(bytes, build_options(sample()));
}

}  // namespace
}  // namespace gw::sip
