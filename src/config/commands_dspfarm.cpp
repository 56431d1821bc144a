// dspfarm profile mode: what a registered SCCP profile is (its kind sets the device type).
#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;

namespace {
DspfarmProfile& profile_of(Editor& ed, const Args& a) {
  return ed.cfg->dspfarm_profiles[static_cast<int>(*cli::parse_number(a.context()))];
}
}  // namespace

void add_dspfarm_commands(std::vector<cli::Command>& out, Editor& ed) {
  out.push_back(
      {kGlobal,
       "dspfarm profile " + range_token(sccp::dspfarm::kProfileId) +
           "$id {conference$kind|mtp$kind|transcode$kind}",
       {"", "Configure a DSP farm profile", "Profile identifier", "Conference bridge profile",
        "Media termination point profile", "Transcoder profile"},
       [&ed](const Args& a) {
         int id = arg_int(a, "id");
         std::string_view k = a.get("kind");
         DspfarmKind kind = k == "mtp"         ? DspfarmKind::mtp
                            : k == "transcode" ? DspfarmKind::transcode
                                               : DspfarmKind::conference;
         auto it = ed.cfg->dspfarm_profiles.find(id);
         if (it != ed.cfg->dspfarm_profiles.end() && it->second.kind != kind)
           return Outcome::fail("% Profile " + std::to_string(id) + " already exists as " +
                                    std::string(to_string(it->second.kind)) + ".",
                                "kind");
         ed.cfg->dspfarm_profiles[id].kind = kind;
         return Outcome::enter(kDspfarm, std::to_string(id));
       }});
  out.push_back({kGlobal,
                 "no dspfarm profile " + range_token(sccp::dspfarm::kProfileId) +
                     "$id [conference|mtp|transcode]",
                 {"", "", "", "Profile identifier"},
                 [&ed](const Args& a) {
                   ed.cfg->dspfarm_profiles.erase(arg_int(a, "id"));
                   return Outcome::ok();
                 }});

  out.push_back({kDspfarm,
                 "associate application sccp",
                 {"Associate an application", "Application", "Skinny Client Control Protocol"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).associate_sccp = true;
                   return Outcome::ok();
                 }});
  out.push_back({kDspfarm,
                 "no associate application [sccp]",
                 {"", "Associate an application", "Application", "SCCP"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).associate_sccp = false;
                   return Outcome::ok();
                 }});
  out.push_back({kDspfarm,
                 "maximum sessions " + range_token(sccp::dspfarm::kMaximumSessions) + "$n",
                 {"Maximum number of...", "Sessions of this profile", "Number of sessions"},
                 [&ed](const Args& a) {
                   profile_of(ed, a).maximum_sessions = arg_int(a, "n");
                   return Outcome::ok();
                 }});
  for (std::string form :
       {"no maximum sessions [" + range_token(sccp::dspfarm::kMaximumSessions) + "$n]",
        std::string("default maximum sessions")})
    out.push_back({kDspfarm,
                   form,
                   {"", "Maximum number of...", "Sessions", "Number of sessions"},
                   [&ed](const Args& a) {
                     profile_of(ed, a).maximum_sessions.reset();
                     return Outcome::ok();
                   }});
  out.push_back({kDspfarm, "shutdown", {"Shut the profile down"}, [&ed](const Args& a) {
                   profile_of(ed, a).shutdown = true;
                   return Outcome::ok();
                 }});
  out.push_back({kDspfarm, "no shutdown", {"", "Shut the profile down"}, [&ed](const Args& a) {
                   profile_of(ed, a).shutdown = false;
                   return Outcome::ok();
                 }});
  out.push_back({kDspfarm, "default shutdown", {"", "Shut the profile down"}, [&ed](const Args& a) {
                   profile_of(ed, a).shutdown = DspfarmProfile{}.shutdown;
                   return Outcome::ok();
                 }});
}

}  // namespace gw::config
