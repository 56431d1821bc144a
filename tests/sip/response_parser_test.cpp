#include <gtest/gtest.h>

#include <string>

#include "sip/response.hpp"

namespace gw::sip {
namespace {

const std::string kOk =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa;rport=5062;received=198.51.100.7\r\n"
    "From: <sip:gatewatch@192.0.2.1:5062>;tag=f00d\r\n"
    "To: <sip:192.0.2.10:5060>;tag=srv1\r\n"
    "Call-ID: abc@192.0.2.1\r\n"
    "CSeq: 7 OPTIONS\r\n"
    "Content-Length: 0\r\n"
    "\r\n";

std::string error_of(std::string_view msg) {
  auto r = parse_response(msg);
  return r.ok() ? "ok" : r.error().code;
}

// Replaces the first occurrence of `from` in kOk.
std::string ok_with(const std::string& from, const std::string& to) {
  std::string m = kOk;
  const auto at = m.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  m.replace(at, from.size(), to);
  return m;
}

TEST(ResponseParser, ParsesEveryFieldOfAPlainResponse) {
  auto r = parse_response(kOk);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->reason, "OK");
  ASSERT_EQ(r->vias.size(), 1u);
  const Via& v = r->vias[0];
  EXPECT_EQ(v.transport, "UDP");
  EXPECT_EQ(v.host, "192.0.2.1");
  EXPECT_EQ(v.port, 5062);
  EXPECT_EQ(v.branch, "z9hG4bKaaaa");
  EXPECT_TRUE(v.rport);
  EXPECT_EQ(v.rport_value, 5062);
  EXPECT_EQ(v.received, "198.51.100.7");
  EXPECT_EQ(r->call_id, "abc@192.0.2.1");
  EXPECT_EQ(r->cseq, 7u);
  EXPECT_EQ(r->cseq_method, "OPTIONS");
  EXPECT_EQ(r->from_tag, "f00d");
  EXPECT_EQ(r->to_tag, "srv1");
  EXPECT_EQ(r->content_length, 0u);
  EXPECT_TRUE(r->body.empty());
}

TEST(ResponseParser, CompactHeaderFormsAreUnderstood) {
  const std::string m =
      "SIP/2.0 200 OK\r\n"
      "v: SIP/2.0/TCP host.example.com;branch=z9hG4bKc\r\n"
      "f: <sip:a@b>;tag=1\r\n"
      "t: sip:c@d;tag=2\r\n"
      "i: compact-id\r\n"
      "CSeq: 1 OPTIONS\r\n"
      "l: 4\r\n"
      "\r\n"
      "body";
  auto r = parse_response(m);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->vias[0].transport, "TCP");
  EXPECT_EQ(r->vias[0].host, "host.example.com");
  EXPECT_FALSE(r->vias[0].port.has_value());
  EXPECT_EQ(r->from_tag, "1");
  EXPECT_EQ(r->to_tag, "2");
  EXPECT_EQ(r->call_id, "compact-id");
  EXPECT_EQ(r->content_length, 4u);
  EXPECT_EQ(r->body, "body");
}

TEST(ResponseParser, HeaderNamesAreCaseInsensitive) {
  std::string m = kOk;
  for (auto [from, to] : {std::pair{"Via:", "vIA:"},
                          {"Call-ID:", "CALL-id:"},
                          {"CSeq:", "cseq:"},
                          {"From:", "FROM:"},
                          {"Content-Length:", "content-LENGTH:"}}) {
    m.replace(m.find(from), std::string(from).size(), to);
  }
  auto r = parse_response(m);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->call_id, "abc@192.0.2.1");
  EXPECT_EQ(r->from_tag, "f00d");
}

TEST(ResponseParser, FoldedHeaderLinesContinueThePreviousHeader) {
  auto r =
      parse_response(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa;",
                             "Via: SIP/2.0/UDP\r\n  192.0.2.1:5062\r\n\t;branch=z9hG4bKaaaa;"));
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  EXPECT_EQ(r->vias[0].host, "192.0.2.1");
  EXPECT_EQ(r->vias[0].branch, "z9hG4bKaaaa");
}

TEST(ResponseParser, SeveralViaValuesAndSeveralViaHeadersKeepTheirOrder) {
  auto r =
      parse_response(ok_with("Call-ID:",
                             "Via: SIP/2.0/TLS [2001:db8::5]:5061;branch=z9hG4bKthird, , "
                             "SIP/2.0/UDP proxy.example.com;branch=z9hG4bKfourth\r\nCall-ID:"));
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  ASSERT_EQ(r->vias.size(), 3u);
  EXPECT_EQ(r->vias[0].branch, "z9hG4bKaaaa");
  EXPECT_EQ(r->vias[1].transport, "TLS");
  EXPECT_EQ(r->vias[1].host, "2001:db8::5");
  EXPECT_EQ(r->vias[1].port, 5061);
  EXPECT_EQ(r->vias[2].host, "proxy.example.com");
  EXPECT_EQ(r->vias[2].branch, "z9hG4bKfourth");
}

TEST(ResponseParser, ProvisionalAndEmptyReasonPhrase) {
  auto r = parse_response(ok_with("SIP/2.0 200 OK", "SIP/2.0 100 "));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 100);
  EXPECT_EQ(r->reason, "");
}

TEST(ResponseParser, MissingContentLengthOverUdpTakesTheRest) {
  auto r = parse_response(ok_with("Content-Length: 0\r\n\r\n", "\r\nv=0\r\n"));
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_FALSE(r->content_length.has_value());
  EXPECT_EQ(r->body, "v=0\r\n");
}

TEST(ResponseParser, BytesBeyondContentLengthAreDiscarded) {
  auto r = parse_response(kOk + "garbage");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->body.empty());
}

TEST(ResponseParser, LeadingEmptyLinesAreSkipped) {
  EXPECT_EQ(error_of("\r\n\r\n" + kOk), "ok");
}

// --- RFC 4475-style torture texts (written for gatewatch) ----------------------------------

TEST(ResponseParser, TortureWhitespaceEverywhereTheGrammarAllowsIt) {
  const std::string m =
      "SIP/2.0 200 Still OK, with   spaces\r\n"
      "vIa  :  SIP / 2.0\r\n"
      "  / udp\t 192.0.2.1 : 5062 ;  BRANCH  =  z9hG4bKws ; rport\r\n"
      "  ;Received = 198.51.100.7\r\n"
      "tO:\t\"Quoted ; <not a uri>\" <sip:x@y;tag=wrong>\r\n ;  tag = right\r\n"
      "fRoM : sip:me@here ; TAG=mine\r\n"
      "x-unknown:\r\n"
      "CALL-ID   :   ws-id\t \r\n"
      "cSeQ :   0007 \t OPTIONS  \r\n"
      "Content-Length  : 00\r\n"
      "\r\n";
  auto r = parse_response(m);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  EXPECT_EQ(r->reason, "Still OK, with   spaces");
  EXPECT_EQ(r->vias[0].transport, "UDP");
  EXPECT_EQ(r->vias[0].host, "192.0.2.1");
  EXPECT_EQ(r->vias[0].port, 5062);
  EXPECT_EQ(r->vias[0].branch, "z9hG4bKws");
  EXPECT_TRUE(r->vias[0].rport);
  EXPECT_FALSE(r->vias[0].rport_value.has_value());
  EXPECT_EQ(r->vias[0].received, "198.51.100.7");
  EXPECT_EQ(r->to_tag, "right");
  EXPECT_EQ(r->from_tag, "mine");
  EXPECT_EQ(r->call_id, "ws-id");
  EXPECT_EQ(r->cseq, 7u);
  EXPECT_EQ(r->cseq_method, "OPTIONS");
  EXPECT_EQ(r->content_length, 0u);
}

TEST(ResponseParser, TortureEscapedQuotesAndCommasInsideQuotedViaParameter) {
  const std::string m =
      "SIP/2.0 486 Busy Here\r\n"
      "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKq;comment=\"a, \\\"b\\\", c\"\r\n"
      "From: \"A \\\"<quoted>\\\" name\" <sip:a@b>;tag=esc\r\n"
      "To: <sip:b@c>\r\n"
      "Call-ID: q@x\r\n"
      "CSeq: 2147483647 OPTIONS\r\n"
      "\r\n";
  auto r = parse_response(m);
  ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
  ASSERT_EQ(r->vias.size(), 1u);
  EXPECT_EQ(r->from_tag, "esc");
  EXPECT_EQ(r->to_tag, "");
  EXPECT_EQ(r->cseq, 2147483647u);
}

// --- Rejections --------------------------------------------------------------------------

TEST(ResponseParser, RejectsMessagesOver64KiB) {
  std::string m = ok_with("Content-Length: 0", "Content-Length: 65400");
  m += std::string(65400, 'x');
  EXPECT_GT(m.size(), kMaxMessageBytes);
  EXPECT_EQ(error_of(m), "too-large");
}

TEST(ResponseParser, RejectsBadStatusLines) {
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/3.0 200 OK")), "bad-status-line");
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/2.0 20 OK")), "bad-status-line");
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/2.0 2000 OK")), "bad-status-line");
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/2.0  200 OK")), "bad-status-line");
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/2.0 2x0 OK")), "bad-status-line");
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "HTTP/1.1 200 OK")), "bad-status-line");
  EXPECT_EQ(error_of(""), "bad-status-line");
}

TEST(ResponseParser, RejectsStatusOutside100To699) {
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/2.0 099 Low")), "bad-status-code");
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/2.0 700 High")), "bad-status-code");
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "SIP/2.0 699 Edge")), "ok");
}

TEST(ResponseParser, RejectsRequests) {
  EXPECT_EQ(error_of(ok_with("SIP/2.0 200 OK", "OPTIONS sip:192.0.2.1 SIP/2.0")), "not-a-response");
}

TEST(ResponseParser, RejectsMissingMandatoryHeaders) {
  EXPECT_EQ(error_of(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa;rport=5062;"
                             "received=198.51.100.7\r\n",
                             "")),
            "missing-via");
  EXPECT_EQ(error_of(ok_with("Call-ID: abc@192.0.2.1\r\n", "")), "missing-call-id");
  EXPECT_EQ(error_of(ok_with("CSeq: 7 OPTIONS\r\n", "")), "missing-cseq");
}

TEST(ResponseParser, RejectsNonNumericCSeq) {
  EXPECT_EQ(error_of(ok_with("CSeq: 7 OPTIONS", "CSeq: seven OPTIONS")), "bad-cseq");
  EXPECT_EQ(error_of(ok_with("CSeq: 7 OPTIONS", "CSeq: 7OPTIONS")), "bad-cseq");
  EXPECT_EQ(error_of(ok_with("CSeq: 7 OPTIONS", "CSeq: 7")), "bad-cseq");
  EXPECT_EQ(error_of(ok_with("CSeq: 7 OPTIONS", "CSeq: -7 OPTIONS")), "bad-cseq");
  EXPECT_EQ(error_of(ok_with("CSeq: 7 OPTIONS", "CSeq: 2147483648 OPTIONS")), "bad-cseq");
}

TEST(ResponseParser, RejectsBodyShorterThanContentLength) {
  EXPECT_EQ(error_of(ok_with("Content-Length: 0\r\n\r\n", "Content-Length: 10\r\n\r\nshort")),
            "truncated-body");
}

TEST(ResponseParser, RejectsMalformedHeaders) {
  EXPECT_EQ(
      error_of(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062", "Via: SIP/2.0/UDP 192.0.2.1:99999")),
      "bad-via");
  EXPECT_EQ(error_of(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062", "Via: SIP/2.0/UDP")), "bad-via");
  EXPECT_EQ(error_of(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062", "Via: SIP/2.0/UDP [::1")),
            "bad-via");
  EXPECT_EQ(error_of(ok_with("Content-Length: 0", "Content-Length: -1")), "bad-content-length");
  EXPECT_EQ(error_of(ok_with("Content-Length: 0", "Content-Length: 0\r\nl: 3")),
            "bad-content-length");
  EXPECT_EQ(error_of(ok_with("Call-ID: abc", "Call-ID: abc\r\ni: again\r\nX-Y: abc")),
            "duplicate-header");
  EXPECT_EQ(error_of(ok_with("Call-ID: abc", "Call-ID abc")), "bad-header");
  EXPECT_EQ(error_of(ok_with("To: <sip:192.0.2.10:5060>", "To: <sip:192.0.2.10:5060")),
            "bad-header");
  EXPECT_EQ(error_of(ok_with("\r\n\r\n", "\r\n")), "missing-header-end");
}

TEST(ResponseParser, RejectsAbsurdViaCounts) {
  std::string vias;
  for (std::size_t i = 0; i <= kMaxViaEntries; ++i)
    vias += "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\n";
  EXPECT_EQ(error_of(ok_with("Call-ID:", vias + "Call-ID:")), "too-many-vias");
}

TEST(ResponseParser, NeverThrowsOnAnyPrefixOfAValidMessage) {
  for (std::size_t n = 0; n <= kOk.size(); ++n) {
    EXPECT_NO_THROW((void)parse_response(std::string_view(kOk).substr(0, n)));
  }
}

// --- match ---------------------------------------------------------------------------------

OptionsRequest request_for_kOk() {
  OptionsRequest q;
  q.branch = "z9hG4bKaaaa";
  q.call_id = "abc@192.0.2.1";
  q.cseq = 7;
  return q;
}

TEST(ResponseMatch, MatchesOnBranchCallIdCSeqAndMethod) {
  auto r = parse_response(kOk);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(match(*r, request_for_kOk()));
}

TEST(ResponseMatch, WrongBranchIsIgnored) {
  auto r = parse_response(kOk);
  auto q = request_for_kOk();
  q.branch = "z9hG4bKbbbb";
  EXPECT_FALSE(match(*r, q));
}

TEST(ResponseMatch, WrongCallIdCSeqOrMethodIsIgnored) {
  auto q = request_for_kOk();
  EXPECT_FALSE(match(*parse_response(ok_with("Call-ID: abc", "Call-ID: xyz")), q));
  EXPECT_FALSE(match(*parse_response(ok_with("CSeq: 7 OPTIONS", "CSeq: 8 OPTIONS")), q));
  EXPECT_FALSE(match(*parse_response(ok_with("CSeq: 7 OPTIONS", "CSeq: 7 INVITE")), q));
}

TEST(ResponseMatch, OnlyTheTopViaCounts) {
  auto r = parse_response(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa",
                                  "Via: SIP/2.0/UDP p;branch=z9hG4bKother, "
                                  "SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa"));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(match(*r, request_for_kOk()));
}

TEST(ResponseParser, AReusedResponseHoldsOnlyTheLastMessagesVias) {
  Response r;
  ASSERT_TRUE(parse_response(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa;rport=5062"
                                     ";received=198.51.100.7",
                                     "Via: SIP/2.0/TCP p:5070;branch=z9hG4bKp;received=192.0.2.99, "
                                     "SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa;rport=5062"),
                             r)
                  .ok());
  ASSERT_EQ(r.vias.size(), 2u);
  ASSERT_TRUE(parse_response(ok_with(";rport=5062;received=198.51.100.7", ""), r).ok());
  ASSERT_EQ(r.vias.size(), 1u);
  const Via& v = r.vias[0];  // every field from this message, none left from the first Via
  EXPECT_EQ(v.transport, "UDP");
  EXPECT_EQ(v.host, "192.0.2.1");
  EXPECT_EQ(v.port, 5062);
  EXPECT_EQ(v.branch, "z9hG4bKaaaa");
  EXPECT_FALSE(v.rport);
  EXPECT_FALSE(v.rport_value);
  EXPECT_EQ(v.received, "");
  // A message without a Via after one with Vias is refused, not answered with the old ones.
  EXPECT_FALSE(parse_response(ok_with("Via: SIP/2.0/UDP 192.0.2.1:5062;branch=z9hG4bKaaaa;rport="
                                      "5062;received=198.51.100.7\r\n",
                                      ""),
                              r)
                   .ok());
}

}  // namespace
}  // namespace gw::sip
