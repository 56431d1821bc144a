#include "render/show_system.hpp"

#include <fmt/format.h>

#include <ctime>

namespace gw::daemon {

std::string ios_uptime(std::chrono::seconds uptime) {
  long s = static_cast<long>(uptime.count());
  if (s < 0) s = 0;
  struct Unit {
    const char* name;
    long seconds;
  };
  static constexpr Unit kUnits[] = {
      {"year", 365L * 86400}, {"week", 7L * 86400}, {"day", 86400}, {"hour", 3600}, {"minute", 60}};
  std::string out;
  for (const auto& u : kUnits) {
    const long n = s / u.seconds;
    s %= u.seconds;
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}{}", n, u.name, n == 1 ? "" : "s");
  }
  return out.empty() ? "0 minutes" : out;
}

std::string render_show_version(const VersionInfo& i) {
  std::string out = fmt::format("gatewatch Software ({}), Version {}\n", i.process, i.version);
  out += fmt::format("Build: {}\n", i.build);
  out += "IOS-style SIP OPTIONS and SCCP keepalive monitor for Linux\n\n";
  out += fmt::format("{} uptime is {}\n", i.hostname.empty() ? "gatewatch" : i.hostname,
                     ios_uptime(i.uptime));
  if (i.config_file.empty())
    out += "No configuration file\n";
  else
    out += fmt::format("Configuration file is \"{}\"\n", i.config_file);
  return out;
}

std::string render_show_clock(WallClock::time_point now, bool synchronised) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto ms_total =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const auto secs = static_cast<std::time_t>(ms_total / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{}{:02}:{:02}:{:02}.{:03} UTC {} {} {} {}\n", synchronised ? "" : "*",
                     tm.tm_hour, tm.tm_min, tm.tm_sec, ms_total % 1000, kDays[tm.tm_wday % 7],
                     kMonths[tm.tm_mon % 12], tm.tm_mday, tm.tm_year + 1900);
}

}  // namespace gw::daemon
