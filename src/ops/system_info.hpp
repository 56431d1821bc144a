// What `show version`, `show clock` and `show startup-config` read from the system, for the
// offline shell and the live console alike.
// Contract: never throws; errors come back as IOS text.
#pragma once
#include <optional>
#include <string>

#include "base/result.hpp"
#include "config/exec_hooks.hpp"
#include "render/show_system.hpp"

namespace gw::daemon {

std::string gatewatch_version();  // "0.9.0"
std::string gatewatch_build();    // "RelWithDebInfo, GCC 12.2.0"

// True when the kernel says the clock is synchronised (adjtimex, as NTP/chrony set it).
bool clock_synchronised();

// `show clock` now.
std::string show_clock_now();

// The startup-config (`path`, the -c file): its text, nullopt when it does not exist yet.
// "" or "-" has no startup-config: nullopt too.
Result<std::optional<std::string>> read_startup_config(const std::string& path);

// The hooks both consoles share: save (given), startup from `path`, version, clock.
config::ExecHooks system_exec_hooks(std::function<Status<>()> save, const std::string& path,
                                    std::function<VersionInfo()> version);

}  // namespace gw::daemon
