#include "ops/system_info.hpp"

#include <sys/timex.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace gw::daemon {

std::string gatewatch_version() {
  return GW_VERSION;
}

std::string gatewatch_build() {
#if defined(__clang__)
  const char* compiler = "Clang " __clang_version__;
#elif defined(__GNUC__)
  const char* compiler = "GCC " __VERSION__;
#else
  const char* compiler = "unknown compiler";
#endif
  return std::string(GW_BUILD_TYPE[0] ? GW_BUILD_TYPE : "unspecified") + ", " + compiler;
}

bool clock_synchronised() {
  timex tx{};
  const int state = ::adjtimex(&tx);
  return state != -1 && state != TIME_ERROR && !(tx.status & STA_UNSYNC);
}

std::string show_clock_now() {
  return render_show_clock(WallClock::now(), clock_synchronised());
}

Result<std::optional<std::string>> read_startup_config(const std::string& path) {
  if (path.empty() || path == "-") return std::optional<std::string>{};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::optional<std::string>{};
    return fail("open", "% Cannot open " + path + ": " + std::strerror(errno));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::optional<std::string>{text.str()};
}

config::ExecHooks system_exec_hooks(std::function<Status<>()> save, const std::string& path,
                                    std::function<VersionInfo()> version) {
  config::ExecHooks h;
  h.save = std::move(save);
  h.startup = [path] { return read_startup_config(path); };
  h.version = [version = std::move(version)] { return render_show_version(version()); };
  h.clock = [] { return show_clock_now(); };
  return h;
}

}  // namespace gw::daemon
