// CUBE server groups: `voice class server-group <tag>` and its members, and the dial-peer's
// `session server-group <tag>` (reference/ios-keepalive.md, "Server groups").
// `session server-group` and `session target` exclude each other: the one entered last stands.
#include <algorithm>
#include <cctype>

#include "base/number_setting.hpp"
#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;

namespace {

constexpr NumberSetting kGroupTag{0, 1, 2147483647};
constexpr NumberSetting kPort{5060, 1, 65535};
constexpr NumberSetting kPreference{0, 0, 5};

ServerGroup& group_of(Editor& ed, const Args& a) {
  return ed.cfg->server_groups[*cli::parse_number(a.context())];
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `ipv4 A.B.C.D [port N] [preference N]` (and ipv6): the same address and port again
// updates that member's preference; a new one is refused past kServerGroupMembers.
void add_member_commands(std::vector<cli::Command>& out, Editor& ed, bool ipv6) {
  const std::string family = ipv6 ? "ipv6" : "ipv4";
  const std::string addr = ipv6 ? "X:X::X:X$addr" : "A.B.C.D$addr";
  const std::string opts =
      " [port " + range_token(kPort) + "$port] [preference " + range_token(kPreference) + "$pref]";
  out.push_back({kServerGroup,
                 family + " " + addr + opts,
                 {"", "Address of the server", "Port of the server", "Port", "", "Preference"},
                 [&ed, ipv6](const Args& a) {
                   ServerGroupMember m;
                   m.ipv6 = ipv6;
                   m.address = lower(a.get("addr"));
                   if (a.has("port") && a.number("port") != kPort.default_value)
                     m.port = static_cast<std::uint16_t>(a.number("port"));  // 5060: the default
                   m.preference = arg_int(a, "pref", kPreference.default_value);
                   ServerGroup& g = group_of(ed, a);
                   auto same =
                       std::find_if(g.members.begin(), g.members.end(), [&m](const auto& x) {
                         return x.ipv6 == m.ipv6 && x.address == m.address &&
                                x.effective_port() == m.effective_port();
                       });
                   if (same != g.members.end()) {
                     *same = m;
                     return Outcome::ok();
                   }
                   if (g.members.size() >= kServerGroupMembers)
                     return Outcome::fail("% A server group has at most " +
                                          std::to_string(kServerGroupMembers) + " servers.");
                   g.members.push_back(m);
                   return Outcome::ok();
                 }});
  out.push_back({kServerGroup,
                 "no " + family + " " + addr + opts,
                 {"", "", "Address of the server", "Port of the server", "Port", "", "Preference"},
                 [&ed, ipv6](const Args& a) {
                   ServerGroup& g = group_of(ed, a);
                   const std::string address = lower(a.get("addr"));
                   const auto port = a.has("port") ? std::optional<long>(a.number("port"))
                                                   : std::optional<long>();
                   std::erase_if(g.members, [&](const ServerGroupMember& x) {
                     return x.ipv6 == ipv6 && x.address == address &&
                            (!port || x.effective_port() == *port);
                   });
                   return Outcome::ok();
                 }});
}

void add_group_mode_commands(std::vector<cli::Command>& out, Editor& ed) {
  add_member_commands(out, ed, false);
  add_member_commands(out, ed, true);
  out.push_back({kServerGroup,
                 "hunt-scheme round-robin",
                 {"", "Round-robin among the servers"},
                 [&ed](const Args& a) {
                   group_of(ed, a).hunt_round_robin = true;
                   return Outcome::ok();
                 }});
  for (const char* form : {"no hunt-scheme [round-robin]", "default hunt-scheme"})
    out.push_back({kServerGroup, form, {}, [&ed](const Args& a) {
                     group_of(ed, a).hunt_round_robin = false;
                     return Outcome::ok();
                   }});
  out.push_back({kServerGroup,
                 "description LINE$text",
                 {"Description of this server group", "Text"},
                 [&ed](const Args& a) {
                   group_of(ed, a).description = std::string(a.get("text"));
                   return Outcome::ok();
                 }});
  for (const char* form : {"no description [LINE$text]", "default description"})
    out.push_back({kServerGroup,
                   form,
                   {"", "Description of this server group", "Ignored"},
                   [&ed](const Args& a) {
                     group_of(ed, a).description.clear();
                     return Outcome::ok();
                   }});
  out.push_back(
      {kServerGroup, "shutdown", {"Take the server group out of service"}, [&ed](const Args& a) {
         group_of(ed, a).shutdown = true;
         return Outcome::ok();
       }});
  for (const char* form : {"no shutdown", "default shutdown"})
    out.push_back(
        {kServerGroup, form, {"", "Take the server group out of service"}, [&ed](const Args& a) {
           group_of(ed, a).shutdown = false;
           return Outcome::ok();
         }});
}

}  // namespace

void add_server_group_commands(std::vector<cli::Command>& out, Editor& ed) {
  const std::string tag = range_token(kGroupTag);
  out.push_back({kGlobal,
                 "voice class server-group " + tag + "$tag",
                 {"", "", "", "Server group tag"},
                 [&ed](const Args& a) {
                   const long t = a.number("tag");
                   ed.cfg->server_groups[t];
                   return Outcome::enter(kServerGroup, std::to_string(t));
                 }});
  out.push_back({kGlobal,
                 "no voice class server-group " + tag + "$tag",
                 {"", "", "", "", "Server group tag"},
                 [&ed](const Args& a) {
                   const long t = a.number("tag");
                   for (const auto& [peer, dp] : ed.cfg->dial_peers)
                     if (dp.server_group == t)
                       return Outcome::fail("% Server group " + std::to_string(t) +
                                                " is used by dial-peer " + std::to_string(peer) +
                                                ".",
                                            "tag");
                   ed.cfg->server_groups.erase(t);
                   return Outcome::ok();
                 }});
  add_group_mode_commands(out, ed);

  out.push_back(
      {kDialPeer,
       "session server-group " + tag + "$tag",
       {"", "Use a server group instead of a session target", "Server group tag"},
       [&ed](const Args& a) {
         const long t = a.number("tag");
         if (!ed.cfg->server_groups.count(t))
           return Outcome::fail(
               "% voice class server-group " + std::to_string(t) + " is not configured.", "tag");
         DialPeer& dp = dial_peer_of(ed, a);
         // Refused rather than dropping the operator's uri: every member is its own
         // destination (design.md), the uri has to go first.
         if (dp.kamailio_dispatcher && !dp.kamailio_dispatcher->uri.empty())
           return Outcome::fail("% Remove the uri of kamailio dispatcher set " +
                                std::to_string(dp.kamailio_dispatcher->set) +
                                " first: on a server-group dial-peer every member is its own "
                                "destination.");
         dp.server_group = t;
         dp.session_target.reset();  // they exclude each other: the last one stands
         return Outcome::ok();
       }});
  out.push_back({kDialPeer,
                 "no session server-group [" + tag + "$tag]",
                 {"", "", "Use a server group instead of a session target", "Server group tag"},
                 [&ed](const Args& a) {
                   dial_peer_of(ed, a).server_group.reset();
                   return Outcome::ok();
                 }});
}

}  // namespace gw::config
