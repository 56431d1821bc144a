// The gatewatch subcommands (design.md, "The interface"). Each returns the process exit code:
// 0 ok, 1 invalid configuration or input, 2 usage, 3 runtime failure.
#pragma once
#include <optional>
#include <string>

namespace gw::app {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRuntime = 3;

int run_check(const std::string& file, bool extract);
int run_shell(const std::optional<std::string>& file);

}  // namespace gw::app
