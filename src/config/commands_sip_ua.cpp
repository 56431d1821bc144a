// sip-ua mode: keepalive target, keepalive trigger, timers keepalive, retry keepalive, and the
// gatewatch extension `keepalive tls ca-file PATH`.
#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;
namespace ua = keepalive::sip_ua;

namespace {

KeepaliveTarget target_from(const Args& a) {
  KeepaliveTarget t;
  t.server = *config::parse_sip_server(a.get("server"));
  if (a.has("tls"))
    t.transport = Transport::tls;
  else if (a.has("tcp"))
    t.transport = Transport::tcp;
  return t;
}

}  // namespace

void add_sip_ua_commands(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back({kGlobal, "sip-ua", {"SIP User Agent (UA)"}, [&ed](const Args&) {
                   ed.cfg->sip_ua_present = true;
                   return Outcome::enter(kSipUa, "");
                 }});
  out.push_back({kGlobal, "no sip-ua", {}, [&ed](const Args&) {
                   ed.cfg->sip_ua = SipUa{};
                   ed.cfg->sip_ua_present = false;
                   return Outcome::ok();
                 }});

  out.push_back({kSipUa,
                 "keepalive target SIP-SERVER$server [tcp [tls] | udp] [secondary]",
                 {"", "", "ipv4:A.B.C.D[:port] | ipv6:[X:X::X:X][:port] | dns:HOSTNAME[:port]"},
                 [&ed](const Args& a) {
                   (a.has("secondary") ? ed.cfg->sip_ua.secondary : ed.cfg->sip_ua.primary) =
                       target_from(a);
                   return Outcome::ok();
                 }});
  for (const char* form :
       {"no keepalive target [secondary]", "default keepalive target [secondary]"})
    out.push_back(
        {kSipUa, form, {}, [&ed](const Args& a) {
           (a.has("secondary") ? ed.cfg->sip_ua.secondary : ed.cfg->sip_ua.primary).reset();
           return Outcome::ok();
         }});

  const std::string trigger = range_token(ua::kKeepaliveTrigger);
  out.push_back({kSipUa,
                 "keepalive trigger " + trigger + "$count",
                 {"", "", "Trigger count"},
                 [&ed](const Args& a) {
                   ed.cfg->sip_ua.keepalive_trigger = arg_int(a, "count");
                   return Outcome::ok();
                 }});
  for (std::string form :
       {"no keepalive trigger [" + trigger + "$count]", std::string("default keepalive trigger")})
    out.push_back({kSipUa, form, {"", "", "", "Trigger count"}, [&ed](const Args&) {
                     ed.cfg->sip_ua.keepalive_trigger = SipUa{}.keepalive_trigger;
                     return Outcome::ok();
                   }});

  out.push_back({kSipUa,
                 "timers keepalive active " + range_token(ua::kTimersKeepaliveActive) +
                     "$active down " + range_token(ua::kTimersKeepaliveDown) + "$down",
                 {"", "Keepalive timers", "Interval while the server is active", "Time in seconds",
                  "Interval while the server is down", "Time in seconds"},
                 [&ed](const Args& a) {
                   ed.cfg->sip_ua.timers_active = arg_int(a, "active");
                   ed.cfg->sip_ua.timers_down = arg_int(a, "down");
                   return Outcome::ok();
                 }});
  for (const char* form : {"no timers keepalive [LINE$rest]", "default timers keepalive"})
    out.push_back({kSipUa, form, {"", "", "Keepalive timers", "Ignored"}, [&ed](const Args&) {
                     ed.cfg->sip_ua.timers_active = SipUa{}.timers_active;
                     ed.cfg->sip_ua.timers_down = SipUa{}.timers_down;
                     return Outcome::ok();
                   }});

  const std::string retry = range_token(ua::kRetryKeepalive);
  out.push_back({kSipUa,
                 "retry keepalive " + retry + "$count",
                 {"", "Keepalive retries", "Number of retransmissions"},
                 [&ed](const Args& a) {
                   ed.cfg->sip_ua.retry_keepalive = arg_int(a, "count");
                   return Outcome::ok();
                 }});
  for (std::string form :
       {"no retry keepalive [" + retry + "$count]", std::string("default retry keepalive")})
    out.push_back({kSipUa,
                   form,
                   {"", "", "Keepalive retries", "Number of retransmissions"},
                   [&ed](const Args&) {
                     ed.cfg->sip_ua.retry_keepalive = SipUa{}.retry_keepalive;
                     return Outcome::ok();
                   }});

  out.push_back({kSipUa,
                 "keepalive tls ca-file WORD$path",
                 {"", "TLS settings for keepalive targets (gatewatch extension)",
                  "CA certificates (PEM) that verify the servers instead of the system store",
                  "Path of the PEM file"},
                 [&ed](const Args& a) {
                   std::string_view p = a.get("path");
                   if (p.front() != '/')
                     return Outcome::fail("% The CA file must be an absolute path.", "path");
                   ed.cfg->sip_ua.tls_ca_file = std::string(p);
                   return Outcome::ok();
                 }});
  for (const char* form : {"no keepalive tls ca-file [WORD$path]", "default keepalive tls ca-file"})
    out.push_back({kSipUa,
                   form,
                   {"", "", "TLS settings for keepalive targets (gatewatch extension)",
                    "CA certificates file", "Path of the PEM file"},
                   [&ed](const Args&) {
                     ed.cfg->sip_ua.tls_ca_file.clear();
                     return Outcome::ok();
                   }});
}

}  // namespace gw::config
