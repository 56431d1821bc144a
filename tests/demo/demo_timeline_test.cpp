// The demo's pure parts: timeline lines, the expected-sequence matcher, the OPTIONS answer.
#include "demo/demo_timeline.hpp"

#include <gtest/gtest.h>

#include "demo/demo_sip_responder.hpp"

namespace gw::daemon {
namespace {

Event down() {
  return Event{names::kSipTargetDown, {}}
      .with("target", "primary")
      .with("address", "127.0.0.1:40001")
      .with("transport", "udp")
      .with("reason", "timeout");
}

TEST(DemoTimeline, PlainLineHasTimeNameValuesAndReasonInParentheses) {
  EXPECT_EQ(format_timeline_event(3.21, down(), false),
            "[  3.2s] sip.target.down primary 127.0.0.1:40001 udp (timeout)\n");
}

TEST(DemoTimeline, OtherFieldsPrintKeyAndValue) {
  const Event e = Event{names::kSccpSwitchover, {}}
                      .with("group", std::int64_t{1})
                      .with("ccm", std::int64_t{2})
                      .with("from", std::int64_t{1})
                      .with("to", std::int64_t{2});
  EXPECT_EQ(describe_event(e), "sccp.switchover group 1 ccm 2 from 1 to 2");
}

TEST(DemoTimeline, ColourOnlyWhenAskedAndDownIsRed) {
  const auto c = format_timeline_event(1.0, down(), true);
  EXPECT_NE(c.find("\x1b[1;31msip.target.down"), std::string::npos) << c;
  EXPECT_EQ(format_timeline_note(1.0, "hello", false), "[  1.0s] >> hello\n");
  EXPECT_EQ(format_timeline_event(1.0, down(), false).find('\x1b'), std::string::npos);
}

TEST(DemoTimeline, MatcherAdvancesInOrderAndSkipsOtherEvents) {
  SequenceMatcher m({Expectation{"sip.target.down", {{"target", "primary"}}},
                     Expectation{"voice-port.busyout", {{"port", "0/0/1"}}}});
  EXPECT_FALSE(m.feed(Event{"voice-port.busyout", {}}.with("port", "0/0/1")));  // out of order
  EXPECT_TRUE(m.feed(down()));
  EXPECT_FALSE(m.feed(Event{"voice-port.busyout", {}}.with("port", "0/0/0")));  // wrong field
  EXPECT_TRUE(m.feed(Event{"voice-port.busyout", {}}.with("port", "0/0/1")));
  EXPECT_TRUE(m.done());
}

TEST(DemoTimeline, IntegerFieldsMatchTheirText) {
  const Expectation x{"sccp.ccm.down", {{"ccm", "1"}}};
  EXPECT_TRUE(x.matches(Event{"sccp.ccm.down", {}}.with("ccm", std::int64_t{1})));
  EXPECT_FALSE(x.matches(Event{"sccp.ccm.down", {}}.with("ccm", std::int64_t{2})));
  EXPECT_EQ(x.text(), "sccp.ccm.down ccm=1");
}

TEST(DemoSipResponder, AnswersOptionsWith200CopyingTheDialogHeaders) {
  const std::string req =
      "OPTIONS sip:127.0.0.1:5060 SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport\r\n"
      "Max-Forwards: 70\r\n"
      "From: <sip:gw@127.0.0.1>;tag=abc\r\n"
      "t: <sip:127.0.0.1:5060>\r\n"
      "Call-ID: 42@127.0.0.1\r\n"
      "CSeq: 7 OPTIONS\r\n"
      "Content-Length: 0\r\n\r\n";
  const auto a = answer_options(req);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->rfind("SIP/2.0 200 OK\r\n", 0), 0u);
  EXPECT_NE(a->find("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport\r\n"),
            std::string::npos);
  EXPECT_NE(a->find("To: <sip:127.0.0.1:5060>;tag=gwdemo\r\n"), std::string::npos);
  EXPECT_NE(a->find("CSeq: 7 OPTIONS\r\n"), std::string::npos);
  EXPECT_NE(a->find("Call-ID: 42@127.0.0.1\r\n"), std::string::npos);
  EXPECT_EQ(a->substr(a->size() - 4), "\r\n\r\n");
}

TEST(DemoSipResponder, IgnoresOtherMethodsAndIncompleteRequests) {
  EXPECT_FALSE(answer_options("INVITE sip:x SIP/2.0\r\nVia: a\r\n\r\n"));
  EXPECT_FALSE(answer_options("OPTIONS sip:x SIP/2.0\r\nVia: a\r\nFrom: b\r\n\r\n"));
  EXPECT_FALSE(answer_options(""));
  EXPECT_FALSE(answer_options(std::string(5000, 'x')));
}

}  // namespace
}  // namespace gw::daemon
