#include "live/debug_hub.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "live/log_buffer.hpp"

namespace gw::daemon {
namespace {

struct Recorder : DebugSubscriber {
  std::vector<std::string> got;
  void debug_text(std::string_view t) override { got.emplace_back(t); }
};

TEST(DebugHubTest, OffUntilAFlagIsSetAndSomeoneMonitors) {
  DebugHub hub;
  Recorder r;
  EXPECT_FALSE(hub.on(DebugFlag::ccsip_messages));
  hub.set(DebugFlag::ccsip_messages, true);
  EXPECT_FALSE(hub.on(DebugFlag::ccsip_messages));  // nobody watches: taps build nothing
  hub.subscribe(&r);
  EXPECT_TRUE(hub.on(DebugFlag::ccsip_messages));
  EXPECT_FALSE(hub.on(DebugFlag::sccp_events));
  hub.clear_all();
  EXPECT_FALSE(hub.on(DebugFlag::ccsip_messages));
}

TEST(DebugHubTest, EmitReachesEveryMonitorUntilItLeaves) {
  DebugHub hub;
  Recorder a, b;
  hub.subscribe(&a);
  hub.subscribe(&b);
  hub.subscribe(&a);  // twice is once
  hub.emit("x\n");
  hub.unsubscribe(&b);
  hub.emit("y\n");
  EXPECT_EQ(a.got, (std::vector<std::string>{"x\n", "y\n"}));
  EXPECT_EQ(b.got, (std::vector<std::string>{"x\n"}));
}

TEST(DebugHubTest, AddressFilterMatchesHostHostPortOrResolvedAddress) {
  DebugHub hub;
  EXPECT_TRUE(hub.sip_wanted("sbc.example.net", "sbc.example.net:5060", "192.0.2.1:5060"));
  hub.set_sip_filter("192.0.2.1");
  EXPECT_TRUE(hub.sip_wanted("sbc.example.net", "sbc.example.net:5060", "192.0.2.1:5060"));
  EXPECT_FALSE(hub.sip_wanted("sbc2", "sbc2:5060", "192.0.2.10:5060"));
  hub.set_sip_filter("sbc.example.net");
  EXPECT_TRUE(hub.sip_wanted("sbc.example.net", "sbc.example.net:5060", ""));
  hub.set_sip_filter("192.0.2.1:5062");
  EXPECT_FALSE(hub.sip_wanted("192.0.2.1", "192.0.2.1:5060", "192.0.2.1:5060"));
}

TEST(DebugHubTest, ShowDebuggingListsWhatIsOn) {
  DebugHub hub;
  EXPECT_EQ(hub.render(), "");
  hub.set(DebugFlag::ccsip_messages, true);
  hub.set_sip_filter("192.0.2.1");
  hub.set(DebugFlag::sccp_events, true);
  EXPECT_EQ(hub.render(),
            "CCSIP SPI: SIP Call messages tracing is enabled (address 192.0.2.1)\n"
            "SCCP:\n  SCCP events debugging is on\n");
}

TEST(DebugHubTest, CcsipDisplayMsgIsCubesForm) {
  const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1765170062123));
  const std::string text =
      ccsip_display_msg(t, true, "OPTIONS sip:a SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n");
  EXPECT_EQ(text,
            "*Dec  8 05:01:02.123 UTC: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nSent: \n"
            "OPTIONS sip:a SIP/2.0\nCSeq: 1 OPTIONS\n\n\n");
}

TEST(LogBufferTest, KeepsTheNewestLinesWithinCapacity) {
  LogBuffer b(20);
  b.add("0123456789");        // 11 bytes with its newline
  b.add("abcdefghi");         // 10
  EXPECT_EQ(b.bytes(), 10u);  // the first line went
  EXPECT_EQ(b.evicted(), 1u);
  EXPECT_NE(b.render().find("\nabcdefghi\n"), std::string::npos);
  EXPECT_EQ(b.render().find("0123456789"), std::string::npos);
}

TEST(LogBufferTest, ZeroCapacityKeepsNothingAndClearEmpties) {
  LogBuffer b(0);
  b.add("x");
  EXPECT_EQ(b.bytes(), 0u);
  EXPECT_NE(b.render().find("Buffer logging:  disabled"), std::string::npos);
  b.set_capacity(100);
  b.add("kept");
  b.clear();
  EXPECT_EQ(b.render().find("kept"), std::string::npos);
}

TEST(LogBufferTest, ALineLongerThanTheBufferIsCut) {
  LogBuffer b(10);
  b.add(std::string(50, 'x'));
  EXPECT_LE(b.bytes(), 10u);
}

}  // namespace
}  // namespace gw::daemon

namespace gw::daemon {
namespace {

struct Busy : DebugSubscriber {
  bool ready = false;
  int missed = 0, got = 0;
  void debug_text(std::string_view) override { ++got; }
  bool debug_ready() override { return ready; }
  void debug_missed() override { ++missed; }
};

TEST(DebugHubTest, AdmitSaysNoAndCountsWhenNoMonitorTakesMore) {
  DebugHub hub;
  Busy a, b;
  hub.subscribe(&a);
  hub.subscribe(&b);
  EXPECT_FALSE(hub.admit());  // the tap builds no text
  EXPECT_EQ(a.missed, 1);
  EXPECT_EQ(b.missed, 1);
  b.ready = true;
  EXPECT_TRUE(hub.admit());  // one would take it: the text is built and each decides
  EXPECT_EQ(a.missed, 1);
}

}  // namespace
}  // namespace gw::daemon
