// Show renderers of the dial-peer OPTIONS keepalive: pure functions of a DaemonSnapshot (no I/O,
// no clock; same snapshot, same text). The other show renderers are declared in show.hpp.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "report/snapshot.hpp"

namespace gw::daemon {

// `show dial-peer voice summary`: every dial-peer with tag, type, admin and oper state
// (oper is down while shut or busied out by keepalive), session target, transport and the
// KEEPALIVE column: `active` / `busyout` for probed dial-peers, `active` / `partial` (some
// members down) / `busyout` for server-group dial-peers (SESS-TARGET `server-group N`), empty
// otherwise.
std::string render_show_dial_peer_voice_summary(const DaemonSnapshot& snapshot);
// The same text line by line, as it is produced (`| include busyout` at 100k dial-peers keeps
// only the lines that pass, never the whole text).
void render_show_dial_peer_voice_summary(const DaemonSnapshot& snapshot,
                                         const std::function<void(std::string_view)>& emit);

// `show voice class sip-options-keepalive <tag>`: the profile's settings, then each dial-peer
// using it with address, transport, state (Active/Busyout/Shutdown), consecutive successes,
// last code, RTT, attempts/failures and last failure. "% Voice class sip-options-keepalive N is
// not configured" for an unknown tag.
std::string render_show_voice_class_sip_options_keepalive(const DaemonSnapshot& snapshot, int tag);

// The dial-peer part of `show gatewatch statistics`: counts and probe send lateness.
std::string render_dial_peer_statistics(const DaemonSnapshot& snapshot);

}  // namespace gw::daemon
