// Kamailio's dispatcher driven by the keepalive (gatewatch extension): the global
// `kamailio rpc URL` and `kamailio resync <1-3600>`, and the dial-peer's
// `kamailio dispatcher set <id> [uri SIP-URI]`.
#include "config/editor.hpp"
#include "kamailio/rpc_url.hpp"
#include "kamailio/settings.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;

namespace {

// design.md: on a server-group dial-peer every member is its own destination.
constexpr const char* kUriOnServerGroup =
    "% uri is not allowed on a server-group dial-peer: every member is its own destination.";
constexpr const char* kKamailioHelp = "Kamailio's dispatcher, driven by the keepalive verdicts";

// A SIP or SIPS URI as Kamailio's dispatcher list holds it: printable, no spaces or quotes.
bool is_sip_uri(std::string_view uri) {
  const bool scheme = uri.rfind("sip:", 0) == 0 || uri.rfind("sips:", 0) == 0;
  if (!scheme || uri.size() > kamailio::kMaxUriLength) return false;
  if (uri.size() <= (uri[3] == ':' ? 4u : 5u)) return false;
  for (char c : uri)
    if (c <= ' ' || c == '"' || c == '\\' || static_cast<unsigned char>(c) >= 0x7f) return false;
  return true;
}

void add_global(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back(
      {kGlobal,
       "kamailio rpc WORD$url",
       {kKamailioHelp, "Kamailio's JSON-RPC over HTTP (xhttp + jsonrpcs)", "http://HOST:PORT/PATH"},
       [&ed](const Args& a) {
         const std::string url(a.get("url"));
         if (!kamailio::parse_rpc_url(url))
           return Outcome::fail("% Invalid input detected at '^' marker.", "url");
         ed.cfg->kamailio.rpc_url = url;
         return Outcome::ok();
       }});
  for (const char* form : {"no kamailio rpc [WORD$url]", "default kamailio rpc"})
    out.push_back(
        {kGlobal,
         form,
         {"", kKamailioHelp, "Kamailio's JSON-RPC over HTTP (xhttp + jsonrpcs)", "Ignored"},
         [&ed](const Args&) {
           ed.cfg->kamailio.rpc_url.clear();
           return Outcome::ok();
         }});
  const std::string resync = range_token(kamailio::kResync);
  out.push_back({kGlobal,
                 "kamailio resync " + resync + "$seconds",
                 {kKamailioHelp, "Seconds between reads of the dispatcher list", "Seconds"},
                 [&ed](const Args& a) {
                   ed.cfg->kamailio.resync = arg_int(a, "seconds");
                   return Outcome::ok();
                 }});
  for (std::string form :
       {"no kamailio resync [" + resync + "$seconds]", std::string("default kamailio resync")})
    out.push_back({kGlobal,
                   form,
                   {"", kKamailioHelp, "Seconds between reads of the dispatcher list", "Seconds"},
                   [&ed](const Args&) {
                     ed.cfg->kamailio.resync = KamailioSettings{}.resync;
                     return Outcome::ok();
                   }});
}

void add_dial_peer(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back(
      {kDialPeer,
       "kamailio dispatcher set " + range_token(kamailio::kDispatcherSet) + "$set [uri WORD$uri]",
       {kKamailioHelp, "The dispatcher destination this dial-peer's keepalive drives",
        "Dispatcher set", "Set id",
        "Destination URI (default: sip:HOST:PORT of the session target)",
        "SIP URI, as in Kamailio's dispatcher list"},
       [&ed](const Args& a) {
         DispatcherBinding b;
         b.set = a.number("set");
         if (a.has("uri")) {
           if (!is_sip_uri(a.get("uri")))
             return Outcome::fail("% Invalid input detected at '^' marker.", "uri");
           b.uri = std::string(a.get("uri"));
         }
         DialPeer& dp = dial_peer_of(ed, a);
         if (!b.uri.empty() && dp.server_group) return Outcome::fail(kUriOnServerGroup, "uri");
         dp.kamailio_dispatcher = std::move(b);
         return Outcome::ok();
       }});
  for (const char* form : {"no kamailio dispatcher [LINE$rest]", "default kamailio dispatcher"})
    out.push_back({kDialPeer,
                   form,
                   {"", kKamailioHelp,
                    "The dispatcher destination this dial-peer's keepalive drives", "Ignored"},
                   [&ed](const Args& a) {
                     dial_peer_of(ed, a).kamailio_dispatcher.reset();
                     return Outcome::ok();
                   }});
}

}  // namespace

void add_kamailio_commands(std::vector<cli::Command>& out, Editor& ed) {
  add_global(out, ed);
  add_dial_peer(out, ed);
}

}  // namespace gw::config
