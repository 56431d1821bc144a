#include "ops/json_lines_sink.hpp"

#include <cerrno>
#include <cstring>

namespace gw::daemon {

Result<std::unique_ptr<JsonLinesSink>> JsonLinesSink::open(const std::string& path) {
  if (path == "-") return std::make_unique<JsonLinesSink>(stdout, false);
  std::FILE* f = std::fopen(path.c_str(), "ae");
  if (!f) return fail("io", "cannot open events file " + path + ": " + std::strerror(errno));
  return std::make_unique<JsonLinesSink>(f, true);
}

JsonLinesSink::~JsonLinesSink() {
  if (owned_ && file_) std::fclose(file_);
}

void JsonLinesSink::emit(const Event& event) {
  const std::string line = format_event_line(event, WallClock::now());
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
    ++write_errors_;
    std::clearerr(file_);
  }
}

}  // namespace gw::daemon
