// The configuration command tables: every configuration command of gatewatch as data
// ({mode, grammar, help per token, handler}); each `no`/`default` form sits beside its
// positive form. Handlers edit the Config the Editor points at, validating first.
// Contract: the Editor (and the Config it points to) outlives the tables built from it;
// retarget `cfg` to edit another Config with the same tables.
#pragma once
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "config/model.hpp"
#include "config/modes.hpp"

namespace gw::config {

struct Editor {
  Config* cfg = nullptr;
};

// Help for keywords shared by many commands (`no`, `default`, `keepalive`...).
std::string keyword_help(std::string_view keyword);

void add_global_commands(std::vector<cli::Command>& out, Editor& ed);
void add_sip_ua_commands(std::vector<cli::Command>& out, Editor& ed);
void add_voice_port_commands(std::vector<cli::Command>& out, Editor& ed);
void add_sccp_commands(std::vector<cli::Command>& out, Editor& ed);
void add_dspfarm_commands(std::vector<cli::Command>& out, Editor& ed);
void add_dial_peer_commands(std::vector<cli::Command>& out, Editor& ed);
void add_kamailio_commands(std::vector<cli::Command>& out, Editor& ed);
void add_server_group_commands(std::vector<cli::Command>& out, Editor& ed);
void add_cluster_commands(std::vector<cli::Command>& out, Editor& ed);

// Every configuration-mode command above.
std::vector<cli::Command> config_commands(Editor& ed);

// The grammar token of a setting's range, "<min-max>" (keepalive/settings.hpp,
// sccp/settings.hpp): the `?` help and error texts show exactly this.
template <class Range>
std::string range_token(const Range& r) {
  return "<" + std::to_string(r.min) + "-" + std::to_string(r.max) + ">";
}

// The dial-peer a `dial-peer voice <tag> voip` mode command edits (the mode's context is
// the tag).
inline DialPeer& dial_peer_of(Editor& ed, const cli::Args& a) {
  return ed.cfg->dial_peers[*cli::parse_number(a.context())];
}

// Parse an integer argument that the grammar already range-checked.
inline int arg_int(const cli::Args& a, std::string_view name, int fallback = 0) {
  return static_cast<int>(a.number(name, fallback));
}

}  // namespace gw::config
