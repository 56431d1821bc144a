// ExecHooks: what the EXEC commands shared by the offline shell and the live console
// (commands_exec.cpp) need from their host. Each hook is optional: a null hook leaves its
// command out of the table (the offline shell has no log buffer to show, for instance).
// Hooks do the I/O (files, clocks); the commands themselves stay pure table entries.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "cli/command.hpp"

namespace gw::config {

struct ExecHooks {
  // `write [memory]`, `copy running-config startup-config`: saves the running config to the
  // configuration file (the startup-config). Error message is IOS text.
  std::function<Status<>()> save;
  // `show startup-config`: the file's text; nullopt when there is no file yet.
  std::function<Result<std::optional<std::string>>()> startup;
  std::function<std::string()> version;  // `show version`
  std::function<std::string()> clock;    // `show clock`
  std::function<std::string()> logging;  // `show logging`
  // `clear ...` commands: {grammar after `clear`, help per token after `clear`, action}.
  struct Clear {
    std::string grammar;
    std::vector<std::string_view> help;
    std::function<void()> run;
  };
  std::vector<Clear> clears;
};

// The EXEC commands of the hooks that are set.
std::vector<cli::Command> exec_commands(const ExecHooks& hooks);

}  // namespace gw::config
