// Global configuration: hostname, ip name-server, and the commands that enter sub-modes of
// their own files (sip-ua, voice-port, sccp ccm group, dspfarm profile live there).
#include <algorithm>

#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;

void add_global_commands(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back(
      {kGlobal, "hostname WORD$name", {"", "This system's network name"}, [&ed](const Args& a) {
         std::string_view name = a.get("name");
         if (!cli::is_dns_name(name) || name.size() > 63 || name.find('.') != name.npos)
           return Outcome::fail("% Invalid input detected at '^' marker.", "name");
         ed.cfg->hostname = std::string(name);
         return Outcome::ok();
       }});
  out.push_back({kGlobal,
                 "no hostname [WORD$name]",
                 {"", "", "This system's network name"},
                 [&ed](const Args&) {
                   ed.cfg->hostname = Config{}.hostname;
                   return Outcome::ok();
                 }});
  out.push_back({kGlobal,
                 "logging buffered [<4096-16777216>$size]",
                 {"Modify message logging facilities", "Set buffered logging parameters",
                  "Logging buffer size"},
                 [&ed](const Args& a) {
                   ed.cfg->logging_buffered = a.number("size", kLoggingBufferedDefault);
                   return Outcome::ok();
                 }});
  out.push_back({kGlobal,
                 "no logging buffered",
                 {"", "Modify message logging facilities", "Set buffered logging parameters"},
                 [&ed](const Args&) {
                   ed.cfg->logging_buffered = 0;
                   return Outcome::ok();
                 }});
  out.push_back(
      {kGlobal,
       "ip name-server {A.B.C.D$a|X:X::X:X$a} [A.B.C.D$b|X:X::X:X$b] [A.B.C.D$c|X:X::X:X$c]",
       {"", "", "Domain server IP address", "Domain server IPv6 address",
        "Domain server IP address", "Domain server IPv6 address", "Domain server IP address",
        "Domain server IPv6 address"},
       [&ed](const Args& a) {
         auto& ns = ed.cfg->name_servers;
         for (const char* k : {"a", "b", "c"}) {
           if (!a.has(k)) continue;
           std::string v(a.get(k));
           if (std::find(ns.begin(), ns.end(), v) != ns.end()) continue;
           if (ns.size() >= 6) return Outcome::fail("% Name server table is full (6 servers).", k);
           ns.push_back(v);
         }
         return Outcome::ok();
       }});
  out.push_back({kGlobal,
                 "no ip name-server [A.B.C.D$a|X:X::X:X$a]",
                 {"", "", "", "Domain server IP address", "Domain server IPv6 address"},
                 [&ed](const Args& a) {
                   auto& ns = ed.cfg->name_servers;
                   if (!a.has("a"))
                     ns.clear();
                   else
                     ns.erase(std::remove(ns.begin(), ns.end(), std::string(a.get("a"))), ns.end());
                   return Outcome::ok();
                 }});
}

}  // namespace gw::config
