#include "report/ios_log.hpp"

#include <fmt/format.h>

#include <ctime>

namespace gw::daemon {

std::string ios_timestamp(WallClock::time_point t) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto ms_total =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const auto secs = static_cast<std::time_t>(ms_total / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("*{} {:2} {:02}:{:02}:{:02}.{:03} UTC: ", kMonths[tm.tm_mon % 12], tm.tm_mday,
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms_total % 1000);
}

}  // namespace gw::daemon
