#include "ops/fd_source.hpp"

#include <unistd.h>

#include <cerrno>

namespace gw::daemon {

std::optional<std::size_t> FdSource::read(std::span<char> into) {
  while (true) {
    const ssize_t n = ::read(fd_, into.data(), into.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    return static_cast<std::size_t>(n);
  }
}

}  // namespace gw::daemon
