// SCCP planning: the pure part of the SCCP service (its wording: sccp_wording.hpp).
//
// plan_sccp(config, time_scale) turns the configuration into one sccp::GroupConfig per
// `sccp ccm group`, when `sccp` is enabled (else nothing):
// - CCMs: the group's `associate ccm <id> priority <p>` lines, each looked up among the
//   `sccp ccm` lines (address, port). A group without `associate ccm` lines uses the `sccp ccm`
//   lines that carry a priority (the older IOS form). An unknown identifier is skipped (note).
// - Devices: `associate profile N register NAME` in order; the type comes from `dspfarm
//   profile N`'s kind (conference 50, mtp 110, transcode 111) and max streams from its
//   `maximum sessions`. A profile without a dspfarm profile, or a shut one, is skipped (note).
// - A group left without CCMs is skipped (note). A group without devices still runs (it keeps
//   the CallManagers under keepalive; nothing registers).
// - Durations of the policy are multiplied by time_scale; policy.time_scale = time_scale.
// - `bind interface` (else `sccp local`): its IPv4 address is looked up with `lookup_ipv4` for
//   Register's ip field; a failed lookup is a note and the field stays 0.
// Notes are whole sentences for a log line. Pure apart from `lookup_ipv4`.
//
// sccp_part(config) copies only what plan_sccp and the SCCP show commands read: `sccp`,
// `sccp local`, the `sccp ccm` lines, the `sccp ccm group` blocks and the dspfarm profiles;
// everything else stays default (a long-lived holder does not pay for the dial-peers).
// plan_sccp(sccp_part(c), ...) plans exactly what plan_sccp(c, ...) plans.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/model.hpp"
#include "report/snapshot.hpp"
#include "sccp/group_manager.hpp"

namespace gw::daemon {

struct SccpPlan {
  std::vector<sccp::GroupConfig> groups;
  std::vector<SccpDeviceSnapshot> devices;  // every device that registers, by group
  std::vector<std::string> notes;
};

using Ipv4Lookup = std::function<Result<std::uint32_t>(const std::string& interface)>;

SccpPlan plan_sccp(const config::Config& config, double time_scale, const Ipv4Lookup& lookup_ipv4);

config::Config sccp_part(const config::Config& config);

}  // namespace gw::daemon
