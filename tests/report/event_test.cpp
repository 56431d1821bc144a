// Event JSON lines: exact format of design.md ("Events").
#include "report/event.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::daemon {
namespace {

WallClock::time_point at(std::int64_t epoch_ms) {
  return WallClock::time_point(std::chrono::milliseconds(epoch_ms));
}

// 2026-11-29T23:59:01.123Z
constexpr std::int64_t kSample = 1795996741123;

TEST(Rfc3339, IsUtcWithMilliseconds) {
  EXPECT_EQ(rfc3339_ms(at(kSample)), "2026-11-29T23:59:01.123Z");
  EXPECT_EQ(rfc3339_ms(at(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_ms(at(kSample - 123 + 7)), "2026-11-29T23:59:01.007Z");
}

TEST(Rfc3339, TruncatesSubMillisecondsNeverRoundsUp) {
  const auto t = at(kSample) + std::chrono::microseconds(999);
  EXPECT_EQ(rfc3339_ms(t), "2026-11-29T23:59:01.123Z");
}

TEST(EventLine, TsThenEventThenFieldsInOrder) {
  Event e{names::kSipTargetDown, {}};
  e.with("target", "secondary")
      .with("address", "[::1]:5060")
      .with("transport", "udp")
      .with("reason", "timeout");
  EXPECT_EQ(
      format_event_line(e, at(kSample)),
      "{\"ts\":\"2026-11-29T23:59:01.123Z\",\"event\":\"sip.target.down\",\"target\":\"secondary\","
      "\"address\":\"[::1]:5060\",\"transport\":\"udp\",\"reason\":\"timeout\"}\n");
}

TEST(EventLine, VoicePortEventHasOnlyPort) {
  Event e{names::kVoicePortBusyout, {}};
  e.with("port", "0/0/1");
  EXPECT_EQ(format_event_line(e, at(kSample)),
            "{\"ts\":\"2026-11-29T23:59:01.123Z\",\"event\":\"voice-port.busyout\",\"port\":\"0/0/"
            "1\"}\n");
}

TEST(EventLine, IntegersAreJsonNumbers) {
  Event e{"sccp.ccm.registered", {}};
  e.with("keepalive_interval", std::int64_t{30});
  EXPECT_NE(format_event_line(e, at(kSample)).find("\"keepalive_interval\":30}"),
            std::string::npos);
}

TEST(EventLine, EscapesQuotesAndControlCharactersOnOneLine) {
  Event e{"config.rejected", {}};
  e.with("error", "bad \"line\"\nnext");
  const std::string line = format_event_line(e, at(kSample));
  EXPECT_NE(line.find(R"("error":"bad \"line\"\nnext")"), std::string::npos);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
}

TEST(EventLine, InvalidUtf8IsReplacedNotThrown) {
  Event e{"config.rejected", {}};
  e.with("error", std::string("x\xff\xfey"));
  std::string line;
  EXPECT_NO_THROW(line = format_event_line(e, at(kSample)));
  EXPECT_NE(line.find("\"error\":\"x"), std::string::npos);
}

}  // namespace
}  // namespace gw::daemon
