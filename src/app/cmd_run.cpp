// `gatewatch run -c FILE [--events PATH|-] [--control SOCK [--control-group NAME]]
//  [--metrics HOST:PORT] [--time-scale F]`: load the configuration strictly (errors as `check`
// prints them, exit 1), then run the daemon until SIGTERM/SIGINT (exit 0); a runtime failure
// such as a port that cannot be bound is exit 3. SIGHUP re-reads FILE (live_ops.hpp).
// --control SOCK: the control socket for `gatewatch cli` (none without it), mode 0600 (owner
// and root only); --control-group NAME makes it 0660 with group NAME and admits that group.
// Lab/test knobs (environment, not part of the IOS configuration):
//   GATEWATCH_DNS_SERVER=IP[:PORT][,IP[:PORT]...]  name servers to use instead of
//     `ip name-server` (IOS name servers have no port; tests run dnsmasq on a free port).
//   GATEWATCH_DEBUG=1  severity-7 log lines, one per keepalive attempt.
#include "app/cmd_run.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

#include "app/subcommands.hpp"
#include "config/loader.hpp"
#include "daemon/daemon.hpp"
#include "ops/live_ops.hpp"

namespace gw::app {

namespace {
std::vector<std::string> dns_servers_from_env() {
  std::vector<std::string> out;
  const char* v = std::getenv("GATEWATCH_DNS_SERVER");
  if (!v || !*v) return out;
  std::stringstream ss(v);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}
}  // namespace

int run_run(const RunArgs& args) {
  // The same reading as SIGHUP reload (live_ops.hpp).
  auto loaded = daemon::load_config_file(args.config);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) {
      std::cerr << (d.line == 0 ? d.message + "\n" : config::format_diagnostic(args.config, d));
    }
    return kExitInvalid;
  }

  daemon::DaemonOptions options;
  options.config = std::move(loaded.config);
  options.events = args.events;
  options.control = args.control;
  options.control_group = args.control_group;
  options.config_path = args.config;
  options.metrics = args.metrics;
  options.notify = args.notify;
  options.time_scale = args.time_scale;
  options.node = args.node;
  if (options.node.empty()) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    options.node = host[0] ? host : "gatewatch";
  }
  options.dns_servers = dns_servers_from_env();
  const char* debug = std::getenv("GATEWATCH_DEBUG");
  options.debug = debug && std::string(debug) == "1";

  auto d = daemon::Daemon::create(std::move(options));
  if (!d) {
    std::cerr << "% gatewatch run: " << d.error().message << "\n";
    return kExitRuntime;
  }
  if (auto s = (*d)->run(); !s) {
    std::cerr << "% gatewatch run: " << s.error().message << "\n";
    return kExitRuntime;
  }
  return kExitOk;
}

}  // namespace gw::app
