#include "app/remote_backend.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace gw::app {

using daemon::ControlRequest;
using daemon::ControlResponse;

Result<std::unique_ptr<RemoteBackend>> RemoteBackend::connect(const std::string& path) {
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) return fail("connect", "socket path too long");
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return fail("connect", std::strerror(errno));
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    return fail("connect", reason);
  }
  return std::unique_ptr<RemoteBackend>(new RemoteBackend(fd));
}

RemoteBackend::~RemoteBackend() {
  ::close(fd_);
}

std::optional<ControlResponse> RemoteBackend::call(ControlRequest::Verb verb,
                                                   const std::string& line) {
  if (lost()) return std::nullopt;
  const std::string out = daemon::encode_request(ControlRequest{verb, line});
  std::size_t sent = 0;
  while (sent < out.size()) {
    const ssize_t n = ::send(fd_, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = std::strerror(errno);
      return std::nullopt;
    }
    sent += static_cast<std::size_t>(n);
  }
  const auto deadline = std::chrono::steady_clock::now() + kReplyTimeout;
  while (true) {
    const auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      if (auto text = daemon::decode_monitor(std::string_view(buffer_).substr(0, nl))) {
        monitor_ += *text;  // debug output that came before the answer
        buffer_.erase(0, nl + 1);
        continue;
      }
      auto r = daemon::decode_response(std::string_view(buffer_).substr(0, nl));
      buffer_.erase(0, nl + 1);
      if (!r) {
        error_ = "unreadable answer";
        return std::nullopt;
      }
      if (!r->prompt.empty()) prompt_ = r->prompt;
      length_ = r->length;
      width_ = r->width;
      return r;
    }
    if (buffer_.size() > kMaxReply) {
      error_ = "answer too long";
      return std::nullopt;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      error_ = "no answer within " + std::to_string(kReplyTimeout.count()) + " s";
      return std::nullopt;
    }
    pollfd p{fd_, POLLIN, 0};
    const int pr = ::poll(&p, 1, static_cast<int>(left.count()));
    if (pr < 0 && errno == EINTR) continue;
    if (pr <= 0) continue;
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error_ = n == 0 ? "closed by the daemon" : std::strerror(errno);
      return std::nullopt;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::string RemoteBackend::prompt() {
  call(ControlRequest::Verb::prompt, "");
  return prompt_;
}

std::string RemoteBackend::execute(const std::string& line, bool& quit) {
  auto r = call(ControlRequest::Verb::execute, line);
  std::string debug = std::exchange(monitor_, {});
  if (!r) {
    quit = true;
    return debug + lost_text();
  }
  quit = r->quit;
  return debug + (r->ok ? r->output : r->error + "\n");
}

std::string RemoteBackend::take_async() {
  if (lost()) return {};
  while (true) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) break;
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) break;
    if (n <= 0) {
      error_ = n == 0 ? "closed by the daemon" : std::strerror(errno);
      break;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    if (buffer_.size() > kMaxReply) {
      error_ = "answer too long";
      break;
    }
  }
  // Only whole monitor lines are taken; an answer never arrives unasked.
  for (auto nl = buffer_.find('\n'); nl != std::string::npos; nl = buffer_.find('\n')) {
    auto text = daemon::decode_monitor(std::string_view(buffer_).substr(0, nl));
    if (!text) break;
    monitor_ += *text;
    buffer_.erase(0, nl + 1);
  }
  return std::exchange(monitor_, {});
}

std::string RemoteBackend::help(const std::string& line) {
  auto r = call(ControlRequest::Verb::help, line);
  if (!r) return lost_text();
  return r->ok ? r->output : r->error + "\n";
}

std::vector<std::string> RemoteBackend::completions(const std::string& line) {
  auto r = call(ControlRequest::Verb::complete, line);
  if (!r) return {};
  return r->completions;
}

}  // namespace gw::app
