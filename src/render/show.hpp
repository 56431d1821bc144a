// Show command renderers: pure functions of a snapshot (snapshot.hpp) to the text the console
// and the control socket print. No I/O, no clock; same snapshot, same text.
#pragma once
#include <optional>
#include <string>

#include "report/snapshot.hpp"

namespace gw::daemon {

// `show sip-ua keepalive`: per target address, transport, state, consecutive successes, last
// response code, last RTT, attempts/failures; then the wire counters incl. dropped input.
std::string render_show_sip_ua_keepalive(const DaemonSnapshot& snapshot);

// `show voice port summary`: port, admin state, busyout and why.
std::string render_show_voice_port_summary(const DaemonSnapshot& snapshot);

// `show sccp`: SCCP admin state, each `sccp ccm` with address, port, identifier and, per CCM
// group, priority, state and configured/effective keepalive interval; the registered devices
// with their SCCP device type (transcode registers as 111 MediaTerminationPointYoko).
std::string render_show_sccp(const DaemonSnapshot& snapshot);

// `show sccp ccm group [N]`: the group's settings, then per CCM identifier, address, priority,
// state (active/standby/down; connecting/idle while not settled), configured and effective
// keepalive interval, unacked KeepAlives; then wire and dropped-input counters. Every group
// when `group` is empty; "% CCM group N is not configured" when N is unknown.
std::string render_show_sccp_ccm_group(const DaemonSnapshot& snapshot, std::optional<int> group);

// `show kamailio`: the RPC URL, reachable or not, the last error, the resync interval, the
// bound destinations in sync / pending / missing, request counters, then the destinations not
// in sync (the first 64, then a count). "% Kamailio is not configured" without `kamailio rpc`.
std::string render_show_kamailio(const DaemonSnapshot& snapshot);

// `show cluster`: this node, its lease TTL and whether it holds it, the etcd endpoints and their
// health, each member with the number of dial-peers it probes, then counters. "% Cluster is not
// configured" without `cluster etcd`.
std::string render_show_cluster(const DaemonSnapshot& snapshot);

}  // namespace gw::daemon
