// JsonLinesSink: one flushed JSON line per event; open failures are error values.
#include "ops/json_lines_sink.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace gw::daemon {
namespace {

TEST(JsonLinesSink, WritesOneFlushedLinePerEvent) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  JsonLinesSink sink(f);
  sink.emit(Event{names::kVoicePortBusyout, {}}.with("port", "0/0/1"));
  sink.emit(Event{names::kVoicePortUnbusy, {}}.with("port", "0/0/1"));
  // Flushed: readable through the same FILE without closing it.
  std::rewind(f);
  char buf[512] = {};
  std::string all;
  while (std::fgets(buf, sizeof buf, f)) all += buf;
  EXPECT_NE(all.find("\"event\":\"voice-port.busyout\",\"port\":\"0/0/1\"}\n"), std::string::npos);
  EXPECT_NE(all.find("\"event\":\"voice-port.unbusy\",\"port\":\"0/0/1\"}\n"), std::string::npos);
  EXPECT_EQ(sink.write_errors(), 0u);
  std::fclose(f);
}

TEST(JsonLinesSink, OpenFailureIsAnErrorValue) {
  auto s = JsonLinesSink::open("/nonexistent-dir/events.jsonl");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "io");
}

}  // namespace
}  // namespace gw::daemon
