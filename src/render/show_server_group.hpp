// Show renderers of the CUBE server-group keepalive: pure functions of a DaemonSnapshot.
#pragma once
#include <string>

#include "report/snapshot.hpp"

namespace gw::daemon {

// `show voice class server-group <tag>`: AdminStatus, OperStatus (Down when shut or every
// member is down), the hunt-scheme, the description, the dial-peers probing it and each
// member: preference, type, address, port, keepalive state (`up`/`down` per profile that
// probes it, `-` when none does). "% Voice class server-group N is not configured" otherwise.
std::string render_show_voice_class_server_group(const DaemonSnapshot& snapshot, long tag);

// The server-group members that profile `profile` probes, for `show voice class
// sip-options-keepalive <tag>`: one line each (group, address, transport, state, code,
// attempts/failures, dial-peers); empty when there are none.
std::string render_server_group_members_of_profile(const DaemonSnapshot& snapshot, int profile);

}  // namespace gw::daemon
