// RecordingSink: an EventSink that keeps each event as one line, "name k=v k=v" (fields in
// order, integers in decimal), for plain EXPECT_EQ on what a service emitted. Not thread-safe:
// use and read on the test's thread (or after joining).
#pragma once
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "report/event.hpp"
#include "report/event_sink.hpp"

namespace gw::daemon::test {

struct RecordingSink : EventSink {
  std::vector<std::string> lines;
  void emit(const Event& e) override {
    std::string s = e.name;
    for (const auto& [k, v] : e.fields) {
      if (const auto* str = std::get_if<std::string>(&v))
        s += " " + k + "=" + *str;
      else
        s += " " + k + "=" + std::to_string(std::get<std::int64_t>(v));
    }
    lines.push_back(s);
  }
};

}  // namespace gw::daemon::test
