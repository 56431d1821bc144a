// Prometheus text exposition format (version 0.0.4) of the daemon's state: a pure function of
// a MetricsInput, so tests render it from hand-built snapshots and `promtool check metrics`
// checks a live scrape. Every family is named gatewatch_*, has HELP and TYPE lines and appears
// once; counters end in _total; label values are escaped (\\, \", \n).
// Families:
//   gatewatch_build_info{version}                                          gauge (always 1)
//   gatewatch_sip_target_up{target,address,transport}                      gauge 1/0
//   gatewatch_sip_target_attempts_total{target,address,transport}          counter
//   gatewatch_sip_target_failures_total{target,address,transport,reason}   counter (every reason)
//   gatewatch_sip_target_rtt_seconds{target,address,transport}             histogram
//   gatewatch_sip_total_failure                                            gauge 1/0
//   gatewatch_sip_wire_*_total                                             counters
//   gatewatch_voice_port_busyout{port}                                     gauge 1/0
//   gatewatch_sccp_ccm_state{group,ccm,address,state}                      gauge 1: current state
//   gatewatch_sccp_ccm_active{group,ccm}                                   gauge 1/0
//   gatewatch_sccp_keepalives_sent_total / _keepalive_acks_total{group,ccm} counters
//   gatewatch_sccp_switchovers_total / gatewatch_sccp_switchbacks_total{group} counters
//   gatewatch_events_total{event}                                          counter
//   gatewatch_notify_*                                                     notify hook (when on)
// Absent parts (no sip-ua targets, no SCCP) render their families with no samples.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "report/event_tee.hpp"
#include "report/snapshot.hpp"

namespace gw::daemon {

struct NotifyStats {
  std::uint64_t started = 0;    // programs spawned
  std::uint64_t succeeded = 0;  // exited 0
  std::uint64_t failed = 0;     // non-zero exit, signal, or spawn failure
  std::uint64_t timed_out = 0;  // killed after the timeout
  std::uint64_t dropped = 0;    // events dropped because the queue was full
  std::uint64_t running = 0;
  std::uint64_t queued = 0;
};

struct MetricsInput {
  std::string version;
  DaemonSnapshot snapshot;
  EventCounts events;
  std::optional<NotifyStats> notify;  // set when --notify is on
};

std::string render_metrics(const MetricsInput& in);

// Escapes a label value for the text format.
std::string escape_label_value(std::string_view v);

}  // namespace gw::daemon
