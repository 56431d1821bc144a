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
// - *A server-group dial-peer is bound only with an explicit `uri` (that destination follows
//   the dial-peer's busyout); the per-member destinations of design.md are not wired yet, so
//   without `uri` it is skipped with a note.
// - URI: `uri` as configured; else "sip:HOST:PORT" of the session target (IPv6 in brackets,
//   the port probed), with ";transport=tcp" or ";transport=tls" when the keepalive transport
//   (as the dial-peer plan chooses it) is not UDP.
// Contract: pure; bindings ordered by dial-peer tag, each with up = true (the caller fills in
// the dial-peers' current verdicts).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config/model.hpp"
#include "kamailio/dispatcher_sync.hpp"

namespace gw::daemon {

struct KamailioPlan {
  std::optional<std::string> rpc_url;  // nullopt: not configured, nothing to drive
  kamailio::SyncPolicy policy;
  std::vector<kamailio::Binding> bindings;
  std::vector<std::string> notes;  // "dial-peer 7: kamailio dispatcher set 1 has no URI ..."
};

KamailioPlan plan_kamailio(const config::Config& config);

// "sip:127.0.0.1:5080", "sip:[2001:db8::1]:5061;transport=tls", "sip:sbc.example.com:5060".
std::string default_dispatcher_uri(const config::KeepaliveTarget& target);

}  // namespace gw::daemon
