// Logger writes IOS-style log lines (ios_log.hpp) to stderr, one whole line per call, flushed.
// Severity 7 (debug) lines are written only when the logger was created with debug on
// (GATEWATCH_DEBUG=1, a lab/test knob).
// Under systemd, when $JOURNAL_STREAM names the device:inode of the log stream (stderr), each
// line starts with the syslog priority "<N>" (sd-daemon(3)), so journald files it at the
// severity of the IOS message: "<5>*Nov 29 23:59:01.123 UTC: %SIP-5-KEEPALIVE: ...".
#pragma once
#include <cstdio>
#include <string_view>

#include "live/log_buffer.hpp"
#include "report/ios_log.hpp"

namespace gw::daemon {

// True when `journal_stream` ("DEV:INO", $JOURNAL_STREAM) names the file open as `fd`.
bool is_journal_stream(const char* journal_stream, int fd);

class Logger {
 public:
  explicit Logger(std::FILE* out = stderr, bool debug = false);
  // `message` is "%FACILITY-SEV-MNEMONIC: text"; severity is the digit in it.
  void log(int severity, std::string_view message) const;
  // A line as the report/*_wording.hpp builders word it.
  void log(const IosLogLine& line) const { log(line.severity, line.text); }
  bool debug() const { return debug_; }
  // Also keep each line written in `buffer` (`show logging`); null: none. The buffer outlives
  // the logger or is detached first.
  void set_buffer(LogBuffer* buffer) { buffer_ = buffer; }
  bool journal() const { return journal_; }

 private:
  std::FILE* out_;
  bool debug_;
  bool journal_ = false;
  LogBuffer* buffer_ = nullptr;
};

}  // namespace gw::daemon
