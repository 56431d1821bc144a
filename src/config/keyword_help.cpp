#include <map>

#include "config/editor.hpp"

namespace gw::config {

std::string keyword_help(std::string_view keyword) {
  static const std::map<std::string_view, std::string_view> kHelp = {
      {"no", "Negate a command or set its defaults"},
      {"default", "Set a command to its defaults"},
      {"keepalive", "Keepalive settings"},
      {"target", "Identify the SIP server to monitor"},
      {"trigger", "Consecutive responses needed to un-busy the voice ports"},
      {"timers", "SIP signaling timers configuration"},
      {"retry", "Change default retries for each SIP method"},
      {"secondary", "Secondary SIP server"},
      {"tcp", "Send keepalives over TCP"},
      {"tls", "Send keepalives over TLS"},
      {"udp", "Send keepalives over UDP"},
      {"sip-ua", "SIP User Agent (UA)"},
      {"hostname", "Set system's network name"},
      {"voice-port", "Voice port configuration"},
      {"busyout", "Configure busyout trigger event & procedure"},
      {"monitor", "Set busyout monitor"},
      {"description", "Description of the interface"},
      {"shutdown", "Take the port offline"},
      {"sccp", "Enable SCCP and its associated applications"},
      {"ccm", "Cisco CallManager (CCM) configuration"},
      {"group", "CCM group configuration"},
      {"local", "Local interface that SCCP applications use to register with CCM"},
      {"identifier", "CCM identifier"},
      {"priority", "CCM priority"},
      {"port", "TCP port"},
      {"version", "CCM version"},
      {"associate", "Associate a CCM or profile with this group"},
      {"profile", "Associate a DSP farm profile"},
      {"register", "Register the profile under a device name"},
      {"retries", "Number of attempts"},
      {"timeout", "Time to wait, in seconds"},
      {"connect", "Connection to the CCM"},
      {"interval", "Time between attempts, in seconds"},
      {"registration", "Registration with the CCM"},
      {"switchover", "Switchover to the next CCM"},
      {"switchback", "Switchback to a higher-priority CCM"},
      {"method", "Method"},
      {"bind", "Bind the group's connections"},
      {"interface", "Source interface"},
      {"dspfarm", "DSP farm configuration"},
      {"ip", "Global IP configuration subcommands"},
      {"name-server", "Specify address of name server to use"},
      {"voice", "Voice configuration"},
      {"class", "Voice class"},
      {"sip-options-keepalive", "SIP OPTIONS keepalive profile"},
      {"up-interval", "Seconds between OPTIONS while the peer is up"},
      {"down-interval", "Seconds between OPTIONS while the peer is down"},
      {"transport", "Transport for the OPTIONS keepalive"},
      {"dial-peer", "Dial plan configuration"},
      {"voip", "Voice over IP"},
      {"session", "Session configuration"},
      {"voice-class", "Voice class configuration"},
      {"sip", "SIP voice class"},
      {"options-keepalive", "OPTIONS keepalive for this dial-peer"},
      {"sip-profiles", "SIP profiles (kept, not applied)"},
      {"server-group", "Server group"},
      {"ipv4", "IPv4 address of a server"},
      {"ipv6", "IPv6 address of a server"},
      {"preference", "Preference of the server (0 is the most preferred)"},
      {"hunt-scheme", "Order in which the servers are hunted"},
      {"round-robin", "Round-robin among the servers"},
  };
  auto it = kHelp.find(keyword);
  return it == kHelp.end() ? std::string{} : std::string(it->second);
}

std::vector<cli::Command> config_commands(Editor& ed) {
  std::vector<cli::Command> out;
  add_global_commands(out, ed);
  add_sip_ua_commands(out, ed);
  add_voice_port_commands(out, ed);
  add_sccp_commands(out, ed);
  add_dspfarm_commands(out, ed);
  add_dial_peer_commands(out, ed);
  add_kamailio_commands(out, ed);
  add_server_group_commands(out, ed);
  add_cluster_commands(out, ed);
  return out;
}

}  // namespace gw::config
