// ServerGroupPlan: which server-group members the CUBE OPTIONS keepalive probes, with which
// settings, and which dial-peers share each stream — a pure function of the configuration
// (reference/ios-keepalive.md, "Server groups").
//
// Rules (gatewatch decisions are marked *):
// - A dial-peer with `session server-group <g>` and keepalive configured is probed as
//   plan_dial_peer() would probe it with each member as its session target (same profile,
//   transport and shutdown rules); its probe set is keyed by (group, profile). Dial-peers with
//   the same key share one OPTIONS stream per member (as CUBE does).
// - *The inline `voice-class sip options-keepalive` form is not shared: its key carries the
//   dial-peer tag.
// - A `shutdown` group is not probed: its set has no streams and its dial-peers are busyout.
//   *A group with no member is busyout too (no server to send calls to).
// Contract: pure, no I/O; sets ordered by key, members in configuration order.
#pragma once
#include <compare>
#include <string>
#include <vector>

#include "config/model.hpp"
#include "services/dial_peer/dial_peer_plan.hpp"

namespace gw::daemon {

struct ProbeSetKey {
  long group = 0;
  int profile = 0;      // 0: the inline form
  long inline_tag = 0;  // the inline form's dial-peer, else 0
  auto operator<=>(const ProbeSetKey&) const = default;
};

struct MemberProbe {
  std::size_t member = 0;  // index in the group's members
  DialPeerProbe probe;     // target: the member; numbers and policy: the profile's
  bool same_stream(const MemberProbe& o) const;  // nothing a restart would change differs
};

struct ProbeSet {
  ProbeSetKey key;
  bool shutdown = false;             // the group is shut: no members probed
  std::vector<MemberProbe> members;  // empty when shut
  std::vector<long> dial_peers;      // by tag
};

struct ServerGroupPlan {
  std::vector<ProbeSet> sets;  // by key
};

ServerGroupPlan plan_server_groups(const config::Config& config, double time_scale);

// The member as a session target: "ipv4:10.0.0.1:5070", "ipv6:[2001:db8::1]:5060".
config::SipServer member_server(const config::ServerGroupMember& m);
// A member's target as its events name it: "10.0.0.1:5070", "[2001:db8::1]:5060".
std::string member_address(const config::KeepaliveTarget& target);

}  // namespace gw::daemon
