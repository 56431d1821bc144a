// Canonical `show running-config` text: IOS order, `!` between blocks, one space of indent in
// sub-modes, values at their default not shown, terminated by `end`. Each mode renders its own
// block. Contract: loading the rendered text gives an equal Config, and rendering that gives
// the same text byte for byte.
#pragma once
#include <string>

#include "config/model.hpp"

namespace gw::config {

std::string render_running_config(const Config& cfg);

// Blocks, each ending with a newline and without the `!` separator.
std::string render_global(const Config& cfg);
std::string render_voice_ports(const Config& cfg);
std::string render_sccp(const Config& cfg);
std::string render_ccm_group(int id, const CcmGroup& g);
std::string render_dspfarm_profile(int id, const DspfarmProfile& p);
std::string render_sip_ua(const SipUa& s);
std::string render_keepalive_profile(int tag, const OptionsKeepaliveProfile& p);
std::string render_server_group(long tag, const ServerGroup& g);
std::string render_dial_peer(long tag, const DialPeer& d);
std::string render_keepalive_target(const KeepaliveTarget& t, bool secondary);

}  // namespace gw::config
