// Kamailio dispatcher wording: a kamailio::SyncEvent as design.md's event and as an IOS-style
// log line. Pure. `rpc_url` is the configured `kamailio rpc` URL, named in the RPC lines.
//   kamailio.dispatcher.set  set, uri, state ("a" | "i"), dial_peer
//   kamailio.rpc.down        error
//   kamailio.rpc.up
// A destination Kamailio does not have is a log line only (it is counted and shown).
#pragma once
#include <optional>
#include <string>

#include "kamailio/dispatcher_sync.hpp"
#include "report/event.hpp"
#include "report/ios_log.hpp"

namespace gw::daemon {

std::optional<Event> kamailio_event(const kamailio::SyncEvent& event);

IosLogLine kamailio_log_line(const kamailio::SyncEvent& event, const std::string& rpc_url);
// A binding the plan skipped, e.g. "%GATEWATCH-4-KAMAILIO_PLAN: dial-peer 7: ... skipped".
IosLogLine kamailio_note_log_line(const std::string& note);

}  // namespace gw::daemon
