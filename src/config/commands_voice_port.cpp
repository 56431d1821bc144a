// voice-port mode: busyout monitor keepalive, description, shutdown.
#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;

namespace {
VoicePort& port_of(Editor& ed, const Args& a) {
  return ed.cfg->voice_ports[*VoicePortId::parse(a.context())];
}
}  // namespace

void add_voice_port_commands(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back({kGlobal,
                 "voice-port SLOT/PORT$port",
                 {"", "Slot/port or slot/subunit/port"},
                 [&ed](const Args& a) {
                   auto id = *VoicePortId::parse(a.get("port"));
                   ed.cfg->voice_ports[id];
                   return Outcome::enter(kVoicePort, id.text());
                 }});
  out.push_back({kGlobal,
                 "no voice-port SLOT/PORT$port",
                 {"", "", "Slot/port or slot/subunit/port"},
                 [&ed](const Args& a) {
                   ed.cfg->voice_ports.erase(*VoicePortId::parse(a.get("port")));
                   return Outcome::ok();
                 }});

  out.push_back({kVoicePort,
                 "busyout monitor keepalive",
                 {"", "", "Busy out on total SIP keepalive failure"},
                 [&ed](const Args& a) {
                   port_of(ed, a).busyout_monitor_keepalive = true;
                   return Outcome::ok();
                 }});
  for (const char* form : {"no busyout monitor keepalive", "default busyout monitor keepalive"})
    out.push_back({kVoicePort,
                   form,
                   {"", "", "", "Busy out on total SIP keepalive failure"},
                   [&ed](const Args& a) {
                     port_of(ed, a).busyout_monitor_keepalive =
                         VoicePort{}.busyout_monitor_keepalive;
                     return Outcome::ok();
                   }});

  out.push_back({kVoicePort,
                 "description LINE$text",
                 {"", "Up to 255 characters describing this port"},
                 [&ed](const Args& a) {
                   if (a.get("text").size() > 255)
                     return Outcome::fail("% Description is longer than 255 characters.", "text");
                   port_of(ed, a).description = std::string(a.get("text"));
                   return Outcome::ok();
                 }});
  for (const char* form : {"no description [LINE$text]", "default description"})
    out.push_back({kVoicePort, form, {"", "", "Ignored"}, [&ed](const Args& a) {
                     port_of(ed, a).description.clear();
                     return Outcome::ok();
                   }});

  out.push_back({kVoicePort, "shutdown", {}, [&ed](const Args& a) {
                   port_of(ed, a).shutdown = true;
                   return Outcome::ok();
                 }});
  for (const char* form : {"no shutdown", "default shutdown"})
    out.push_back({kVoicePort, form, {}, [&ed](const Args& a) {
                     port_of(ed, a).shutdown = false;
                     return Outcome::ok();
                   }});
}

}  // namespace gw::config
