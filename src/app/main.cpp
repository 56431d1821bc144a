// gatewatch: IOS voice-gateway keepalive for Linux. Subcommands per design.md.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/subcommands.hpp"

int main(int argc, char** argv) {
  using namespace gw::app;
  CLI::App app{"gatewatch — IOS SIP and SCCP keepalive for Linux voice gateways", "gatewatch"};
  app.require_subcommand(1);

  std::string check_file, extract_file;
  auto* check = app.add_subcommand("check", "Validate a configuration file and print it canonically");
  check->add_option("-c,--config", check_file, "Configuration file");
  check->add_option("--extract", extract_file, "Keep the gatewatch commands of a whole IOS router configuration");

  std::string shell_file;
  auto* shell = app.add_subcommand("shell", "Offline IOS console");
  shell->add_option("-c,--config", shell_file, "Configuration file to load (and to save with write memory)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  if (*check) {
    if (check_file.empty() == extract_file.empty()) {
      std::cerr << "gatewatch check: give exactly one of -c FILE or --extract FILE\n";
      return kExitUsage;
    }
    return extract_file.empty() ? run_check(check_file, false) : run_check(extract_file, true);
  }
  if (*shell) return run_shell(shell_file.empty() ? std::nullopt : std::optional<std::string>(shell_file));
  return kExitUsage;
}
