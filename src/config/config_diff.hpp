// ConfigDiff: what changed between two whole configurations, in the units the daemon restarts
// (a SIP keepalive target, a voice port, an SCCP CCM group, a dial-peer). Used by live
// configuration (`configure terminal` on the control socket) and by reload (SIGHUP).
//
// Rules (everything that decides a restart is in this file):
// - A SIP target (primary/secondary) changed when its `keepalive target` line changed, was
//   added or removed, or when a sip-ua value its probing uses changed: trigger, timers,
//   retry (both targets); the TLS CA file (a TLS target); `ip name-server` (a DNS target).
// - A voice port changed when it was added, removed, or any of its values changed.
// - An SCCP group changed when it was added, removed, its own block changed, a `sccp ccm` it
//   names (old or new) changed — a group without `associate ccm` lines names every `sccp ccm`
//   that carries a priority (the older IOS form) — a dspfarm profile it registers changed;
//   every group changed when `sccp` admin state or `sccp local` changed.
// - A dial-peer changed when it was added, removed, its block changed, or the
//   `voice class sip-options-keepalive` profile or the `voice class server-group` it uses
//   changed. A server group changed when it was added, removed or its block changed
//   (`server_groups`; its dial-peers are in `dial_peers` too).
// - A dial-peer's `kamailio dispatcher` binding is not part of its keepalive: changing it
//   restarts no probing; it sets `kamailio`, as does a change of `kamailio rpc` / `resync`.
// - hostname only changes the prompt: reported, restarts nothing.
// Pure: no I/O, no clock; the same two configs give the same diff. Lists are sorted.
#pragma once
#include <string>
#include <vector>

#include "config/model.hpp"

namespace gw::daemon {

struct ConfigDiff {
  bool sip_primary = false;
  bool sip_secondary = false;
  std::vector<config::VoicePortId> voice_ports;
  std::vector<int> sccp_groups;
  std::vector<long> dial_peers;
  std::vector<long> server_groups;
  bool kamailio = false;  // Kamailio settings or a dial-peer's binding
  bool hostname = false;

  // Nothing to restart (a hostname change alone is empty).
  bool empty() const {
    return !sip_primary && !sip_secondary && voice_ports.empty() && sccp_groups.empty() &&
           dial_peers.empty() && server_groups.empty() && !kamailio;
  }
};

ConfigDiff diff_config(const config::Config& before, const config::Config& after);

// One line for logs: "sip primary, voice-port 0/0/1, ccm-group 1" or "nothing". Consecutive
// dial-peer tags are one range ("dial-peer 1-500"); after 16 dial-peer entries the rest are
// counted ("and 49000 more dial-peers").
std::string describe(const ConfigDiff& diff);

}  // namespace gw::daemon
