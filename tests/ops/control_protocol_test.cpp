#include "ops/control_protocol.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

const ControlRequest& req(const ControlItem& i) {
  return std::get<ControlRequest>(i);
}

TEST(RequestFramer, SplitsOnNewlinesAcrossFeeds) {
  RequestFramer f;
  EXPECT_TRUE(f.feed("execute show sip").empty());
  auto items = f.feed("-ua keepalive\nprompt\nhelp sh");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(req(items[0]).verb, ControlRequest::Verb::execute);
  EXPECT_EQ(req(items[0]).line, "show sip-ua keepalive");
  EXPECT_EQ(req(items[1]).verb, ControlRequest::Verb::prompt);
  items = f.feed("ow \r\n");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(req(items[0]).verb, ControlRequest::Verb::help);
  EXPECT_EQ(req(items[0]).line, "show ");
}

TEST(RequestFramer, UnknownVerbIsAnErrorAndTheNextLineStillParses) {
  RequestFramer f;
  auto items = f.feed("\x01\x02garbage\xff\nexecute show sccp\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<ControlRequestError>(items[0]));
  EXPECT_EQ(req(items[1]).line, "show sccp");
}

TEST(RequestFramer, OverlongLineIsRejectedOnceAndNeverBuffered) {
  RequestFramer f;
  const std::string big(kMaxRequestLine, 'x');
  EXPECT_TRUE(f.feed("execute ").empty());
  auto items = f.feed(big);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ControlRequestError>(items[0]));
  EXPECT_EQ(f.buffered(), 0u);
  EXPECT_TRUE(f.feed(big).empty());  // still inside the long line: discarded
  EXPECT_EQ(f.buffered(), 0u);
  items = f.feed("tail\nprompt\n");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(req(items[0]).verb, ControlRequest::Verb::prompt);
}

TEST(RequestFramer, LineOfExactlyTheLimitIsAccepted) {
  RequestFramer f;
  std::string line = "execute " + std::string(kMaxRequestLine - 8, 'a');
  auto items = f.feed(line + "\n");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<ControlRequest>(items[0]));
}

TEST(ParseRequest, ControlCharactersBecomeQuestionMarks) {
  auto i = parse_request("execute show\x1b[A\tx");
  EXPECT_EQ(req(i).line, "show?[A\tx");
}

TEST(ControlCodec, ResponseRoundTripsWithNewlinesAndBadUtf8) {
  ControlResponse r;
  r.prompt = "gw(config)#";
  r.output = "line1\nline2 \xff\n";
  r.quit = true;
  r.completions = {"keepalive", "kill"};
  const std::string wire = encode_response(r);
  EXPECT_EQ(wire.find('\n'), wire.size() - 1);
  auto back = decode_response(std::string_view(wire).substr(0, wire.size() - 1));
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->ok);
  EXPECT_EQ(back->prompt, "gw(config)#");
  EXPECT_EQ(back->output.substr(0, 12), "line1\nline2 ");
  EXPECT_TRUE(back->quit);
  EXPECT_EQ(back->completions, r.completions);
}

TEST(ControlCodec, GarbageResponseIsNotDecoded) {
  EXPECT_FALSE(decode_response("not json"));
  EXPECT_FALSE(decode_response("[1,2]"));
  EXPECT_FALSE(decode_response("{\"output\":\"x\"}"));
}

TEST(ControlCodec, RequestEncodingFlattensNewlines) {
  EXPECT_EQ(encode_request({ControlRequest::Verb::execute, "show\nrun"}), "execute show run\n");
  EXPECT_EQ(encode_request({ControlRequest::Verb::prompt, ""}), "prompt\n");
}

TEST(ControlCodec, MonitorLinesRoundTripAndAreNotResponses) {
  const std::string line = encode_monitor("Sent: \nOPTIONS sip:a SIP/2.0\n");
  ASSERT_EQ(line.back(), '\n');
  const std::string_view body(line.data(), line.size() - 1);
  EXPECT_EQ(decode_monitor(body), "Sent: \nOPTIONS sip:a SIP/2.0\n");
  EXPECT_FALSE(decode_response(body));
  EXPECT_FALSE(decode_monitor("{\"ok\":true,\"output\":\"monitor\"}"));
  EXPECT_FALSE(decode_monitor("{\"monitor\":1}"));
}

TEST(ControlCodec, TerminalLengthAndWidthTravelWithTheAnswer) {
  ControlResponse r;
  r.length = 0;
  r.width = 132;
  const std::string line = encode_response(r);
  auto back = decode_response(std::string_view(line.data(), line.size() - 1));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->length, 0u);
  EXPECT_EQ(back->width, 132u);
}

}  // namespace
}  // namespace gw::daemon
