// SPDX-License-Identifier: Apache-2.0
#include "app/cmd_demo.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "demo/demo.hpp"

namespace gw::app {

namespace {
// $GATEWATCH_CCM_SIM, else ccm-sim beside the running binary (build/gatewatch → build/ccm-sim),
// else where the install rules put it (/usr/bin/gatewatch → /usr/libexec/gatewatch/ccm-sim).
std::string find_ccm_sim() {
  if (const char* env = std::getenv("GATEWATCH_CCM_SIM"); env && *env) return env;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (const auto& sim :
       {self.parent_path() / "ccm-sim", self.parent_path() / GW_CCM_SIM_FROM_BINDIR / "ccm-sim"})
    if (std::filesystem::exists(sim, ec)) return sim.lexically_normal().string();
  return "";
}
}  // namespace

int run_demo(const DemoArgs& args) {
  daemon::DemoOptions o;
  o.quick = args.quick;
  const char* no_color = std::getenv("NO_COLOR");
  o.colour = !args.no_color && !(no_color && *no_color) && ::isatty(STDOUT_FILENO) == 1;
  o.ccm_sim = find_ccm_sim();
  o.events = args.events;
  return daemon::run_demo(o);
}

}  // namespace gw::app
