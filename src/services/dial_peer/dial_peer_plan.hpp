// DialPeerPlan: which dial-peers the CUBE OPTIONS keepalive probes, and how — a pure function
// of the configuration (reference/ios-keepalive.md, "Dial-peer OPTIONS keepalive (CUBE)").
//
// Rules (gatewatch decisions are marked *):
// - Probed: a `dial-peer voice <tag> voip` with a `session target`, not `shutdown`, and either
//   `voice-class sip options-keepalive profile <p>` naming an existing profile that is not
//   `shutdown`, or the inline `voice-class sip options-keepalive [...]` form. A peer that has
//   keepalive configured but is skipped gets a note saying why.
// - Numbers: the profile's up-interval / down-interval / retry; the inline form's values, each
//   defaulting to the profile defaults (keepalive/settings.hpp). T1/T2 are RFC 3261's. All
//   durations are multiplied by time_scale.
// - *Transport: a profile's `transport tcp [tls]` wins; otherwise (profile at the default udp,
//   which the running-config cannot tell from "unset", or the inline form) the dial-peer's
//   `session transport`; otherwise udp.
// - *trigger is 1: CUBE has no `keepalive trigger` for dial-peers; one success (any final
//   response but 503/505) brings a busied-out dial-peer back to active.
// Contract: pure, no I/O; the result is ordered by dial-peer tag. plan_dial_peer() is the same
// decision for one dial-peer (live changes and reload re-plan only the dial-peers that changed).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/model.hpp"
#include "keepalive/policy.hpp"
#include "keepalive/settings.hpp"

namespace gw::daemon {

struct DialPeerProbe {
  long tag = 0;
  config::KeepaliveTarget target;  // session target + the transport chosen above
  int profile = 0;                 // 0: the inline form
  // As configured (unscaled); defaults from keepalive/settings.hpp.
  int up_seconds = keepalive::options_keepalive::kUpInterval.default_value;
  int down_seconds = keepalive::options_keepalive::kDownInterval.default_value;
  int retry = keepalive::options_keepalive::kRetry.default_value;
  keepalive::TargetPolicy policy;  // scaled
};

struct DialPeerPlan {
  std::vector<DialPeerProbe> probes;
  std::vector<std::string> notes;  // "dial-peer 7: profile 9 is not configured"
};

DialPeerPlan plan_dial_peers(const config::Config& config, double time_scale);

// One dial-peer of `config`: its probe, or nullopt when it is not probed; `note` (when not
// null) is set to the reason when keepalive is configured but cannot start, else cleared.
std::optional<DialPeerProbe> plan_dial_peer(const config::Config& config, long tag,
                                            const config::DialPeer& dp, double time_scale,
                                            std::string* note);

// True when a planned dial-peer is probed over TLS (the daemon then builds a TLS context).
// Plans every dial-peer: O(N).
bool dial_peers_need_tls(const config::Config& config);
// The same for the dial-peers `tags` names only (a reconfigure's changed ones): O(tags log N).
bool dial_peers_need_tls(const config::Config& config, const std::vector<long>& tags);

}  // namespace gw::daemon
