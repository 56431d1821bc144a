#include "report/event_tee.hpp"

namespace gw::daemon {

namespace {
std::int64_t group_of(const Event& e) {
  for (const auto& [k, v] : e.fields) {
    if (k != "group") continue;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* s = std::get_if<std::string>(&v)) {
      std::int64_t n = 0;
      for (char c : *s) {
        if (c < '0' || c > '9' || n > 1'000'000) return -1;
        n = n * 10 + (c - '0');
      }
      return n;
    }
  }
  return -1;
}
}  // namespace

void TeeSink::emit(const Event& event) {
  inner_.emit(event);
  // Names are the fixed set of event.hpp, so the map stays small.
  ++counts_.by_name[event.name];
  if (event.name == names::kSccpSwitchover) ++counts_.switchovers[group_of(event)];
  if (event.name == names::kSccpSwitchback) ++counts_.switchbacks[group_of(event)];
  for (const auto& o : observers_) o(event);
}

}  // namespace gw::daemon
