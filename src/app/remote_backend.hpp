// RemoteBackend: a ConsoleBackend that talks to the daemon's control socket
// (ops/control_protocol.hpp): one request line out, one JSON response line back.
// Contract: connect() is Error{"connect"} when nobody listens. Each call waits at most
// kReplyTimeout for its answer; a lost connection, a timeout or an unreadable answer makes
// lost() true, the call returns "% Connection to gatewatch lost: ..." and execute() sets quit.
// Replies are bounded (kMaxReply). Debug output the daemon pushes ({"monitor":...}, `terminal
// monitor`) is printed before the answer it came ahead of, or by take_async() while idle.
// Blocking I/O on a plain socket; single-threaded.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "app/console_backend.hpp"
#include "base/result.hpp"
#include "ops/control_protocol.hpp"

namespace gw::app {

inline constexpr std::chrono::seconds kReplyTimeout{15};
inline constexpr std::size_t kMaxReply = 16 * 1024 * 1024;

class RemoteBackend final : public ConsoleBackend {
 public:
  static Result<std::unique_ptr<RemoteBackend>> connect(const std::string& path);
  ~RemoteBackend() override;
  RemoteBackend(const RemoteBackend&) = delete;
  RemoteBackend& operator=(const RemoteBackend&) = delete;

  std::string prompt() override;
  std::string execute(const std::string& line, bool& quit) override;
  std::string help(const std::string& line) override;
  std::vector<std::string> completions(const std::string& line) override;

  bool lost() const override { return !error_.empty(); }
  int async_fd() const override { return lost() ? -1 : fd_; }
  std::string take_async() override;
  unsigned page_length() override { return length_; }
  unsigned page_width() override { return width_; }
  const std::string& error() const { return error_; }

 private:
  explicit RemoteBackend(int fd) : fd_(fd) {}
  std::optional<daemon::ControlResponse> call(daemon::ControlRequest::Verb verb,
                                              const std::string& line);
  std::string lost_text() const { return "% Connection to gatewatch lost: " + error_ + "\n"; }

  int fd_;
  std::string buffer_;
  std::string monitor_;  // debug output received, not printed yet
  std::string prompt_ = "gatewatch#";
  std::string error_;
  unsigned length_ = 24;  // the daemon-side session's terminal, from the last answer
  unsigned width_ = 80;
};

}  // namespace gw::app
