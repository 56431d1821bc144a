// A configuration console session: the command tables bound to one Config, an IOS Console
// on them, and the EXEC commands every console has (`configure terminal`,
// `show running-config`). Callers (the offline shell, the daemon's control socket) append
// their own EXEC commands (`show sip-ua keepalive`, `write memory`...).
// Contract: not copyable (the tables point into it); single-threaded.
#pragma once
#include <memory>
#include <vector>

#include "cli/console.hpp"
#include "config/editor.hpp"

namespace gw::config {

class Session {
 public:
  explicit Session(Config initial = {}, std::vector<cli::Command> extra_exec = {});
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Config& config() { return *config_; }
  const Config& config() const { return *config_; }
  cli::Console& console() { return *console_; }
  const std::shared_ptr<const cli::CommandTable>& table() const { return table_; }

 private:
  std::unique_ptr<Config> config_;
  Editor editor_;
  std::shared_ptr<const cli::CommandTable> table_;
  std::unique_ptr<cli::Console> console_;
};

// `show running-config` as IOS prints it (with the "Building configuration..." header).
std::string show_running_config(const Config& cfg);

}  // namespace gw::config
