// The `gatewatch demo` timeline: how an event or a narration line is printed, and the
// expected-sequence matcher that decides the demo's exit code. Pure functions and a plain
// value type; no I/O, no clock (the caller passes the seconds since the demo started).
//   [  3.2s] sip.target.down primary 127.0.0.1:40001 udp (timeout)
//   [  3.2s] >> the secondary still answers: voice ports stay in service
// With colour on, ANSI SGR codes mark downs/busyouts/switchovers red, ups/unbusys/switchbacks
// green, other events cyan and narration dim; with colour off the text has no escape at all.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/event.hpp"

namespace gw::daemon {

// "sip.target.down primary 127.0.0.1:40001 udp (timeout)": the name, then each field value
// in order (key and value for fields other than target/address/transport/port; the reason in
// parentheses).
std::string describe_event(const Event& e);

std::string format_timeline_event(double seconds, const Event& e, bool colour);
std::string format_timeline_note(double seconds, std::string_view text, bool colour);

// One expected event: its name and the fields it must carry (values compared as text, so an
// integer field 1 matches "1").
struct Expectation {
  std::string event;
  std::vector<std::pair<std::string, std::string>> fields;
  bool matches(const Event& e) const;
  std::string text() const;  // "sip.target.down target=primary reason=timeout"
};

// Matches events against a list of expectations in order: other events in between are
// allowed; an expected event out of order simply does not advance the matcher.
class SequenceMatcher {
 public:
  explicit SequenceMatcher(std::vector<Expectation> expected) : expected_(std::move(expected)) {}
  // True when `e` matched the next expectation (then next() moved on).
  bool feed(const Event& e);
  bool done() const { return next_ == expected_.size(); }
  std::size_t next() const { return next_; }
  const std::vector<Expectation>& expected() const { return expected_; }

 private:
  std::vector<Expectation> expected_;
  std::size_t next_ = 0;
};

}  // namespace gw::daemon
