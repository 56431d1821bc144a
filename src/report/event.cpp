#include "report/event.hpp"

#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>

namespace gw::daemon {

std::string rfc3339_ms(WallClock::time_point t) {
  const auto ms_total =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  auto secs = static_cast<std::time_t>(ms_total / 1000);
  auto ms = ms_total % 1000;
  if (ms < 0) {  // before 1970: floor, not truncate toward zero
    ms += 1000;
    --secs;
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string format_event_line(const Event& event, WallClock::time_point ts) {
  nlohmann::ordered_json j;
  j["ts"] = rfc3339_ms(ts);
  j["event"] = event.name;
  for (const auto& [key, value] : event.fields) {
    if (const auto* s = std::get_if<std::string>(&value))
      j[key] = *s;
    else
      j[key] = std::get<std::int64_t>(value);
  }
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace gw::daemon
