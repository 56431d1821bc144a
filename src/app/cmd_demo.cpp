#include "app/cmd_demo.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "demo/demo.hpp"

namespace gw::app {

namespace {
// ccm-sim beside the running binary (build/gatewatch → build/ccm-sim), or $GATEWATCH_CCM_SIM.
std::string find_ccm_sim() {
  if (const char* env = std::getenv("GATEWATCH_CCM_SIM"); env && *env) return env;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  const auto sim = self.parent_path() / "ccm-sim";
  return std::filesystem::exists(sim, ec) ? sim.string() : "";
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
