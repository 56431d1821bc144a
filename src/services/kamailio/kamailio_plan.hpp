// KamailioPlan: which dispatcher destinations the dial-peers' verdicts drive, and how — a pure
// function of the configuration (design.md, "Acting on the verdicts: Kamailio's dispatcher").
//
// Rules (gatewatch decisions are marked *):
// - Active when `kamailio rpc URL` is configured; `kamailio resync` seconds between
//   dispatcher.list reads (real seconds: *--time-scale does not scale them, Kamailio restarts
//   in real time).
// - Bound: a dial-peer with `kamailio dispatcher set N` and a `session target`; *a shut
//   dial-peer stays bound (it is not probed, so its destination stays as last set). A binding
//   without a session target and without `uri` is skipped with a note.
// - A server-group dial-peer (`session server-group G`) binds every member of G as its own
//   destination of set N, each following that member's verdict (server-group.member.down /
//   up), not the dial-peer's busyout: Binding::member is member_key(G, "ip:port", transport),
//   and `members` maps it back for the caller's query. `uri` is not allowed there (the CLI
//   refuses it; a Config that has it anyway is skipped with a note); a group with no member
//   binds nothing (a note). *Members of a shut group or of an unprobed dial-peer stay bound.
// - URI: `uri` as configured; else "sip:HOST:PORT" of the session target or member (IPv6 in
//   brackets, the port probed), with ";transport=tcp" or ";transport=tls" when the keepalive
//   transport (as the dial-peer plan / server-group plan chooses it) is not UDP.
// Contract: pure; bindings ordered by dial-peer tag (members in configuration order), each
// with up = true (the caller fills in the dial-peers' and members' current verdicts).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/transport.hpp"
#include "config/model.hpp"
#include "kamailio/dispatcher_sync.hpp"

namespace gw::daemon {

// A server-group member as the server-group keepalive names it in its events.
struct KamailioMember {
  long group = 0;
  std::string address;  // "10.0.0.1:5060", "[2001:db8::1]:5060"
  Transport transport = Transport::udp;
};

struct KamailioPlan {
  std::optional<std::string> rpc_url;  // nullopt: not configured, nothing to drive
  kamailio::SyncPolicy policy;
  std::vector<kamailio::Binding> bindings;
  std::vector<std::string> notes;  // "dial-peer 7: kamailio dispatcher set 1 has no URI ..."
  std::map<std::string, KamailioMember> members;  // by Binding::member
};

// The key of a member's bindings: "1 10.0.0.1:5060 udp" (group, address, transport as the
// server-group.member.down / up events give them).
std::string member_key(long group, std::string_view address, std::string_view transport);

KamailioPlan plan_kamailio(const config::Config& config);

// "sip:127.0.0.1:5080", "sip:[2001:db8::1]:5061;transport=tls", "sip:sbc.example.com:5060".
std::string default_dispatcher_uri(const config::KeepaliveTarget& target);

}  // namespace gw::daemon
