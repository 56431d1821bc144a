#include "ops/persist.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gw::config {
namespace {

std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

bool write_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Status<> save_file_atomically(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return fail("write", errno_text("cannot create " + tmp));
  if (!write_all(fd, content) || ::fsync(fd) != 0) {
    std::string e = errno_text("cannot write " + tmp);
    ::close(fd);
    ::unlink(tmp.c_str());
    return fail("write", e);
  }
  ::close(fd);
  std::string bak = path + ".bak";
  if (::access(path.c_str(), F_OK) == 0) {
    // A hard link keeps the old file reachable as .bak while the rename replaces it.
    ::unlink(bak.c_str());
    if (::link(path.c_str(), bak.c_str()) != 0) {
      std::string e = errno_text("cannot keep " + bak);
      ::unlink(tmp.c_str());
      return fail("write", e);
    }
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string e = errno_text("cannot rename " + tmp);
    ::unlink(tmp.c_str());
    return fail("write", e);
  }
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  if (dir.empty()) dir = "/";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Ok{};
}

}  // namespace gw::config
