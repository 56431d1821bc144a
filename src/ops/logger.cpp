#include "ops/logger.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdlib>
#include <string>

#include "report/ios_log.hpp"

namespace gw::daemon {

bool is_journal_stream(const char* journal_stream, int fd) {
  if (!journal_stream || !*journal_stream || fd < 0) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(journal_stream, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev &&
         static_cast<unsigned long long>(st.st_ino) == ino;
}

Logger::Logger(std::FILE* out, bool debug)
    : out_(out),
      debug_(debug),
      journal_(out && is_journal_stream(std::getenv("JOURNAL_STREAM"), ::fileno(out))) {}

void Logger::log(int severity, std::string_view message) const {
  if (severity >= 7 && !debug_) return;
  std::string line = ios_timestamp(WallClock::now()) + std::string(message);
  if (buffer_) buffer_->add(line);
  if (!out_) return;
  line += '\n';
  if (journal_) line = fmt::format("<{}>", severity < 0 ? 0 : severity > 7 ? 7 : severity) + line;
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

}  // namespace gw::daemon
