// SPDX-License-Identifier: Apache-2.0
// gatewatch: IOS voice-gateway keepalive for Linux. Subcommands per design.md; --version prints
// "gatewatch VERSION" (the project version, GW_VERSION from CMake).
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/cmd_cli.hpp"
#include "app/cmd_demo.hpp"
#include "app/cmd_run.hpp"
#include "app/subcommands.hpp"
#include "cluster/settings.hpp"
#include "daemon/daemon.hpp"

int main(int argc, char** argv) {
  using namespace gw::app;
  CLI::App app{"gatewatch — IOS SIP and SCCP keepalive for Linux voice gateways", "gatewatch"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("gatewatch ") + GW_VERSION);

  std::string check_file, extract_file;
  auto* check =
      app.add_subcommand("check", "Validate a configuration file and print it canonically");
  check->add_option("-c,--config", check_file, "Configuration file");
  check->add_option("--extract", extract_file,
                    "Keep the gatewatch commands of a whole IOS router configuration");

  std::string shell_file;
  auto* shell = app.add_subcommand("shell", "Offline IOS console");
  shell->add_option("-c,--config", shell_file,
                    "Configuration file to load (and to save with write memory)");

  RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run the keepalive daemon");
  run->add_option("-c,--config", run_args.config, "Configuration file")->required();
  run->add_option("--events", run_args.events, "Write events as JSON lines to PATH (- for stdout)");
  run->add_option("--control", run_args.control, "Control socket path");
  run->add_option("--control-group", run_args.control_group,
                  "Group allowed on the control socket (mode 0660)");
  run->add_option("--metrics", run_args.metrics, "Metrics listen address HOST:PORT")
      ->check([](const std::string& v) {
        return gw::daemon::parse_host_port(v) ? std::string() : std::string("expected HOST:PORT");
      });
  run->add_option("--notify", run_args.notify,
                  "Run PROGRAM for every event, its JSON line on stdin (no shell)");
  run->add_option("--time-scale", run_args.time_scale,
                  "Multiply every protocol timer by F (labs, tests)")
      ->check(CLI::PositiveNumber);
  run->add_option("--node", run_args.node, "This node's name in a cluster (default: the host name)")
      ->check([](const std::string& v) {
        return gw::cluster::valid_node_name(v)
                   ? std::string()
                   : std::string("a node name is 1-64 characters of A-Z a-z 0-9 . _ -");
      });

  std::string cli_socket = default_control_socket();
  auto* cli = app.add_subcommand("cli", "IOS console against the running daemon");
  cli->add_option("--control", cli_socket, "Control socket path");

  DemoArgs demo_args;
  auto* demo = app.add_subcommand(
      "demo", "Play an outage and recovery against embedded SIP servers and CallManagers");
  demo->add_flag("--quick", demo_args.quick, "The same story, faster (CI)");
  demo->add_flag("--no-color", demo_args.no_color, "Plain timeline even on a terminal");
  demo->add_option("--events", demo_args.events,
                   "Also write the events as JSON lines to PATH (- for stdout)");

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
  if (*run) return run_run(run_args);
  if (*demo) return run_demo(demo_args);
  if (*cli) return run_cli(cli_socket);
  if (*shell)
    return run_shell(shell_file.empty() ? std::nullopt : std::optional<std::string>(shell_file));
  return kExitUsage;
}
