#include "demo/demo_timeline.hpp"

#include <fmt/format.h>

namespace gw::daemon {

namespace {
std::string value_text(const Event::Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return std::to_string(std::get<std::int64_t>(v));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

const char* colour_of(std::string_view name) {
  if (ends_with(name, ".down") || ends_with(name, ".busyout") || name == names::kSccpSwitchover ||
      ends_with(name, ".rejected"))
    return "\x1b[1;31m";  // bold red
  if (ends_with(name, ".up") || ends_with(name, ".unbusy") || name == names::kSccpSwitchback ||
      ends_with(name, ".registered"))
    return "\x1b[1;32m";  // bold green
  return "\x1b[36m";      // cyan
}

std::string stamp(double seconds) {
  return fmt::format("[{:5.1f}s] ", seconds);
}
}  // namespace

std::string describe_event(const Event& e) {
  std::string out = e.name;
  for (const auto& [key, value] : e.fields) {
    const std::string v = value_text(value);
    if (key == "target" || key == "address" || key == "transport" || key == "port") {
      out += " " + v;
    } else if (key == "reason") {
      out += " (" + v + ")";
    } else {
      out += " " + key + " " + v;
    }
  }
  return out;
}

std::string format_timeline_event(double seconds, const Event& e, bool colour) {
  if (!colour) return stamp(seconds) + describe_event(e) + "\n";
  return "\x1b[2m" + stamp(seconds) + "\x1b[0m" + colour_of(e.name) + describe_event(e) +
         "\x1b[0m\n";
}

std::string format_timeline_note(double seconds, std::string_view text, bool colour) {
  if (!colour) return stamp(seconds) + ">> " + std::string(text) + "\n";
  return "\x1b[2m" + stamp(seconds) + ">> " + std::string(text) + "\x1b[0m\n";
}

bool Expectation::matches(const Event& e) const {
  if (e.name != event) return false;
  for (const auto& [key, want] : fields) {
    bool found = false;
    for (const auto& [k, v] : e.fields) {
      if (k == key && value_text(v) == want) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

std::string Expectation::text() const {
  std::string out = event;
  for (const auto& [k, v] : fields) out += " " + k + "=" + v;
  return out;
}

bool SequenceMatcher::feed(const Event& e) {
  if (done() || !expected_[next_].matches(e)) return false;
  ++next_;
  return true;
}

}  // namespace gw::daemon
