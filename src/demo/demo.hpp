// `gatewatch demo`: the daemon against an embedded SIP responder pair (demo_sip_responder)
// and the CCM simulator (the ccm-sim binary, spawned), with an outage and recovery played by a
// scripted story (demo_story.hpp), printed as a live timeline.
// Contract:
// - run_demo() picks free loopback ports, starts the peers, runs the daemon on the calling
//   thread and the peers and the story on a second thread, and returns the exit code:
//   0 every expected event was seen in order, 1 not (a step timed out, or interrupted by
//   SIGINT/SIGTERM), 3 runtime failure (a peer or the daemon could not start).
// - Everything it started (ccm-sim included) is stopped and reaped before it returns.
// - ccm_sim empty or not executable: the SCCP chapter is skipped and the summary says so.
#pragma once
#include <cstdio>
#include <string>

namespace gw::daemon {

struct DemoOptions {
  bool quick = false;   // the same story, faster (CI)
  bool colour = false;  // ANSI colours in the timeline
  std::string ccm_sim;  // path of the ccm-sim binary
  std::string events;   // also write the events as JSON lines ("" none, "-" stdout)
  std::FILE* out = stdout;
};

int run_demo(const DemoOptions& options);

}  // namespace gw::daemon
