// CUBE dial-peer OPTIONS keepalive: `voice class sip-options-keepalive` profiles and the
// `dial-peer voice <tag> voip` commands that use them.
#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;
namespace opts = keepalive::options_keepalive;

namespace {

OptionsKeepaliveProfile& profile_of(Editor& ed, const Args& a) {
  return ed.cfg->keepalive_profiles[static_cast<int>(*cli::parse_number(a.context()))];
}

Transport transport_of(const Args& a) {
  if (a.has("tls")) return Transport::tls;
  return a.has("tcp") ? Transport::tcp : Transport::udp;
}

void add_profile_number(std::vector<cli::Command>& out, Editor& ed, const char* word,
                        const std::string& range, std::string_view help,
                        int OptionsKeepaliveProfile::*field) {
  out.push_back({kVoiceClass,
                 std::string(word) + " " + range + "$value",
                 {"", help},
                 [&ed, field](const Args& a) {
                   profile_of(ed, a).*field = arg_int(a, "value");
                   return Outcome::ok();
                 }});
  for (std::string form :
       {std::string("no ") + word + " [" + range + "$value]", std::string("default ") + word})
    out.push_back({kVoiceClass, form, {"", "", help}, [&ed, field](const Args& a) {
                     profile_of(ed, a).*field = OptionsKeepaliveProfile{}.*field;
                     return Outcome::ok();
                   }});
}

}  // namespace

void add_dial_peer_commands(std::vector<cli::Command>& out, Editor& ed) {
  const std::string profile_tag = range_token(opts::kProfileTag);
  const std::string dial_peer_tag = range_token(opts::kDialPeerTag);
  // ---- voice class sip-options-keepalive ----
  out.push_back({kGlobal,
                 "voice class sip-options-keepalive " + profile_tag + "$tag",
                 {"", "", "", "Profile tag"},
                 [&ed](const Args& a) {
                   int tag = arg_int(a, "tag");
                   ed.cfg->keepalive_profiles[tag];
                   return Outcome::enter(kVoiceClass, std::to_string(tag));
                 }});
  out.push_back({kGlobal,
                 "no voice class sip-options-keepalive " + profile_tag + "$tag",
                 {"", "", "", "", "Profile tag"},
                 [&ed](const Args& a) {
                   int tag = arg_int(a, "tag");
                   for (const auto& [peer, dp] : ed.cfg->dial_peers)
                     if (dp.keepalive_profile == tag)
                       return Outcome::fail("% Profile " + std::to_string(tag) +
                                                " is used by dial-peer " + std::to_string(peer) +
                                                ".",
                                            "tag");
                   ed.cfg->keepalive_profiles.erase(tag);
                   return Outcome::ok();
                 }});
  add_profile_number(out, ed, "up-interval", range_token(opts::kUpInterval), "Seconds",
                     &OptionsKeepaliveProfile::up_interval);
  add_profile_number(out, ed, "down-interval", range_token(opts::kDownInterval), "Seconds",
                     &OptionsKeepaliveProfile::down_interval);
  add_profile_number(out, ed, "retry", range_token(opts::kRetry), "Retransmissions per attempt",
                     &OptionsKeepaliveProfile::retry);
  out.push_back({kVoiceClass,
                 "transport {udp|tcp [tls]}",
                 {"", "UDP", "TCP", "TLS over TCP"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).transport = transport_of(a);
                   return Outcome::ok();
                 }});
  for (const char* form : {"no transport [udp|tcp [tls]]", "default transport"})
    out.push_back({kVoiceClass, form, {}, [&ed](const Args& a) {
                     profile_of(ed, a).transport = OptionsKeepaliveProfile{}.transport;
                     return Outcome::ok();
                   }});
  out.push_back({kVoiceClass,
                 "sip-profiles " + profile_tag + "$tag",
                 {"", "SIP profile tag"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).sip_profiles = std::string(a.get("tag"));
                   return Outcome::ok();
                 }});
  out.push_back({kVoiceClass,
                 "no sip-profiles [" + profile_tag + "$tag]",
                 {"", "", "SIP profile tag"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).sip_profiles.clear();
                   return Outcome::ok();
                 }});
  out.push_back({kVoiceClass,
                 "description LINE$text",
                 {"Description of this profile", "Text"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).description = std::string(a.get("text"));
                   return Outcome::ok();
                 }});
  out.push_back({kVoiceClass,
                 "no description [LINE$text]",
                 {"", "Description of this profile", "Ignored"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).description.clear();
                   return Outcome::ok();
                 }});
  out.push_back({kVoiceClass, "shutdown", {"Stop probing with this profile"}, [&ed](const Args& a) {
                   profile_of(ed, a).shutdown = true;
                   return Outcome::ok();
                 }});
  out.push_back(
      {kVoiceClass, "no shutdown", {"", "Stop probing with this profile"}, [&ed](const Args& a) {
         profile_of(ed, a).shutdown = false;
         return Outcome::ok();
       }});

  // ---- dial-peer voice <tag> voip ----
  out.push_back({kGlobal,
                 "dial-peer voice " + dial_peer_tag + "$tag voip",
                 {"", "Voice dial-peer", "Dial-peer tag", ""},
                 [&ed](const Args& a) {
                   long tag = a.number("tag");
                   ed.cfg->dial_peers[tag];
                   return Outcome::enter(kDialPeer, std::to_string(tag));
                 }});
  out.push_back({kGlobal,
                 "no dial-peer voice " + dial_peer_tag + "$tag [voip]",
                 {"", "", "", "Dial-peer tag"},
                 [&ed](const Args& a) {
                   ed.cfg->dial_peers.erase(a.number("tag"));
                   return Outcome::ok();
                 }});
  out.push_back(
      {kDialPeer,
       "session target SIP-SERVER$server",
       {"", "Session target", "ipv4:A.B.C.D[:port] | ipv6:[X:X::X:X][:port] | dns:HOSTNAME[:port]"},
       [&ed](const Args& a) {
         DialPeer& dp = dial_peer_of(ed, a);
         dp.session_target = *config::parse_sip_server(a.get("server"));
         dp.server_group.reset();  // excludes `session server-group`: the last one stands
         return Outcome::ok();
       }});
  out.push_back({kDialPeer,
                 "no session target [SIP-SERVER$server]",
                 {"", "", "Session target", "Address"},
                 [&ed](const Args& a) {
                   dial_peer_of(ed, a).session_target.reset();
                   return Outcome::ok();
                 }});
  out.push_back({kDialPeer,
                 "session transport {udp|tcp [tls]}",
                 {"", "Session transport", "UDP", "TCP", "TLS over TCP"},
                 [&ed](const Args& a) {
                   dial_peer_of(ed, a).session_transport = transport_of(a);
                   return Outcome::ok();
                 }});
  out.push_back({kDialPeer,
                 "no session transport [udp|tcp [tls]]",
                 {"", "", "Session transport"},
                 [&ed](const Args& a) {
                   dial_peer_of(ed, a).session_transport.reset();
                   return Outcome::ok();
                 }});
  out.push_back({kDialPeer,
                 "voice-class sip options-keepalive profile " + profile_tag + "$tag",
                 {"", "", "", "Use a voice class sip-options-keepalive profile", "Profile tag"},
                 [&ed](const Args& a) {
                   int tag = arg_int(a, "tag");
                   if (!ed.cfg->keepalive_profiles.count(tag))
                     return Outcome::fail("% voice class sip-options-keepalive " +
                                              std::to_string(tag) + " is not configured.",
                                          "tag");
                   DialPeer& dp = dial_peer_of(ed, a);
                   dp.keepalive_profile = tag;
                   dp.inline_keepalive.reset();
                   return Outcome::ok();
                 }});
  const std::string item = "[up-interval " + range_token(opts::kUpInterval) +
                           "$up | down-interval " + range_token(opts::kDownInterval) +
                           "$down | retry " + range_token(opts::kRetry) + "$retry]";
  out.push_back({kDialPeer,
                 "voice-class sip options-keepalive " + item + " " + item + " " + item,
                 {"",        "",        "",
                  "",        "Seconds", "",
                  "Seconds", "",        "Retransmissions",
                  "",        "Seconds", "",
                  "Seconds", "",        "Retransmissions",
                  "",        "Seconds", "",
                  "Seconds", "",        "Retransmissions"},
                 [&ed](const Args& a) {
                   DialPeer& dp = dial_peer_of(ed, a);
                   InlineOptionsKeepalive k =
                       dp.inline_keepalive.value_or(InlineOptionsKeepalive{});
                   if (a.has("up")) k.up_interval = arg_int(a, "up");
                   if (a.has("down")) k.down_interval = arg_int(a, "down");
                   if (a.has("retry")) k.retry = arg_int(a, "retry");
                   dp.inline_keepalive = k;
                   dp.keepalive_profile.reset();
                   return Outcome::ok();
                 }});
  out.push_back({kDialPeer,
                 "no voice-class sip options-keepalive [LINE$rest]",
                 {"", "", "", "", "Ignored"},
                 [&ed](const Args& a) {
                   DialPeer& dp = dial_peer_of(ed, a);
                   dp.keepalive_profile.reset();
                   dp.inline_keepalive.reset();
                   return Outcome::ok();
                 }});
  out.push_back({kDialPeer,
                 "description LINE$text",
                 {"Description of this dial-peer", "Text"},
                 [&ed](const Args& a) {
                   dial_peer_of(ed, a).description = std::string(a.get("text"));
                   return Outcome::ok();
                 }});
  out.push_back({kDialPeer,
                 "no description [LINE$text]",
                 {"", "Description of this dial-peer", "Ignored"},
                 [&ed](const Args& a) {
                   dial_peer_of(ed, a).description.clear();
                   return Outcome::ok();
                 }});
  out.push_back(
      {kDialPeer, "shutdown", {"Take the dial-peer out of service"}, [&ed](const Args& a) {
         dial_peer_of(ed, a).shutdown = true;
         return Outcome::ok();
       }});
  out.push_back(
      {kDialPeer, "no shutdown", {"", "Take the dial-peer out of service"}, [&ed](const Args& a) {
         dial_peer_of(ed, a).shutdown = false;
         return Outcome::ok();
       }});
}

}  // namespace gw::config
