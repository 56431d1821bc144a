// The bytes of a file descriptor as a config::BlockSource: what config::LineReader reads a
// configuration file, a pipe or stdin through. Blocking reads; EINTR is retried.
// Does not own the descriptor: the caller opens and closes it.
#pragma once
#include "config/line_reader.hpp"

namespace gw::daemon {

class FdSource final : public config::BlockSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}

  // ::read() into `into`: the count, 0 at end of file, nullopt on an error other than EINTR.
  std::optional<std::size_t> read(std::span<char> into) override;

 private:
  int fd_;
};

}  // namespace gw::daemon
