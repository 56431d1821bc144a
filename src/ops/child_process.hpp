// Child processes without a shell: posix_spawn of an argv, with its stdin and its merged
// stdout+stderr on pipes (used by the notify hook and by `gatewatch demo` for ccm-sim).
// Contract:
// - spawn_child() returns the pid and our ends of both pipes: non-blocking, close-on-exec,
//   owned by the caller (close them). The child gets the pipes as fds 0, 1 and 2 and nothing
//   else of ours (every other fd of gatewatch is close-on-exec). Error{"spawn"} names the
//   program and the system error (e.g. ENOENT) when posix_spawnp fails.
// - reap_child(): waitpid(WNOHANG); nullopt while the child runs, else its wait status.
// - Thread-safe (no shared state); a child must be reaped by exactly one owner.
#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace gw::daemon {

struct ChildProcess {
  pid_t pid = -1;
  int stdin_fd = -1;   // write end of the child's stdin
  int output_fd = -1;  // read end of the child's stdout and stderr
};

Result<ChildProcess> spawn_child(const std::vector<std::string>& argv);

std::optional<int> reap_child(pid_t pid);

}  // namespace gw::daemon
