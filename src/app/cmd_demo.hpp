// `gatewatch demo [--quick] [--no-color] [--events PATH|-]`: the embedded default (design.md):
// the daemon against an embedded SIP responder pair and the CCM simulator (ccm-sim, found next
// to the gatewatch binary or through $GATEWATCH_CCM_SIM), with an outage and recovery played
// as a live timeline. Exit 0 when every expected event was seen in order, 1 otherwise, 3 when
// a peer or the daemon could not start.
#pragma once
#include <string>

namespace gw::app {

struct DemoArgs {
  bool quick = false;
  bool no_color = false;
  std::string events;  // "" none, "-" stdout, else a file (appended)
};

int run_demo(const DemoArgs& args);

}  // namespace gw::app
