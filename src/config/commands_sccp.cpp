// SCCP: the global `sccp local`, `sccp ccm`, `sccp` lines and `sccp ccm group` mode with all
// its sub-commands, including the cross-checks IOS makes on `associate`.
#include "config/editor.hpp"

namespace gw::config {

using cli::Args;
using cli::Outcome;
namespace ccm = sccp::ccm;
namespace group = sccp::ccm_group;

namespace {

CcmGroup& group_of(Editor& ed, const Args& a) {
  return ed.cfg->ccm_groups[static_cast<int>(*cli::parse_number(a.context()))];
}

// A `keepalive retries 7` style integer setting of the group, with its no/default forms.
void add_group_number(std::vector<cli::Command>& out, Editor& ed, std::string words,
                      const NumberSetting& setting, std::string_view help_last,
                      int CcmGroup::*field) {
  const std::string range = range_token(setting);
  out.push_back(
      {kCcmGroup, words + " " + range + "$value", {"", "", help_last}, [&ed, field](const Args& a) {
         group_of(ed, a).*field = arg_int(a, "value");
         return Outcome::ok();
       }});
  for (std::string form : {"no " + words + " [" + range + "$value]", "default " + words})
    out.push_back({kCcmGroup, form, {"", "", "", help_last}, [&ed, field](const Args& a) {
                     group_of(ed, a).*field = CcmGroup{}.*field;
                     return Outcome::ok();
                   }});
}

std::string ccm_grammar_tail() {
  return "identifier " + range_token(ccm::kIdentifier) + "$id [priority " +
         range_token(ccm::kPriority) + "$priority] [port " + range_token(ccm::kPort) +
         "$port] version VERSION$version";
}

}  // namespace

void add_sccp_commands(std::vector<cli::Command>& out, Editor& ed) {
  static const std::vector<std::string_view> kCcmHelp = {"",
                                                         "",
                                                         "CCM IP address",
                                                         "CCM DNS name",
                                                         "",
                                                         "CCM identifier",
                                                         "",
                                                         "Priority (older IOS form)",
                                                         "",
                                                         "TCP port of the CCM",
                                                         "",
                                                         "CCM version (for example 7.0)"};

  out.push_back({kGlobal, "sccp", {}, [&ed](const Args&) {
                   ed.cfg->sccp_enabled = true;
                   return Outcome::ok();
                 }});
  out.push_back({kGlobal, "no sccp", {}, [&ed](const Args&) {
                   ed.cfg->sccp_enabled = false;
                   return Outcome::ok();
                 }});
  out.push_back(
      {kGlobal, "sccp local IFNAME$ifname", {"", "", "Linux interface name"}, [&ed](const Args& a) {
         ed.cfg->sccp_local = std::string(a.get("ifname"));
         return Outcome::ok();
       }});
  out.push_back({kGlobal,
                 "no sccp local [IFNAME$ifname]",
                 {"", "", "", "Linux interface name"},
                 [&ed](const Args&) {
                   ed.cfg->sccp_local.clear();
                   return Outcome::ok();
                 }});

  out.push_back({kGlobal, "sccp ccm {A.B.C.D$address|HOSTNAME$address} " + ccm_grammar_tail(),
                 kCcmHelp, [&ed](const Args& a) {
                   SccpCcm c;
                   c.address = std::string(a.get("address"));
                   c.identifier = arg_int(a, "id");
                   if (a.has("priority")) c.priority = arg_int(a, "priority");
                   if (a.has("port")) c.port = arg_int(a, "port");
                   c.version = std::string(a.get("version"));
                   ed.cfg->sccp_ccms[c.identifier] = c;
                   return Outcome::ok();
                 }});
  out.push_back({kGlobal,
                 "no sccp ccm {A.B.C.D$address|HOSTNAME$address} identifier " +
                     range_token(ccm::kIdentifier) + "$id [LINE$rest]",
                 {"", "", "", "CCM IP address", "CCM DNS name", "", "CCM identifier", "Ignored"},
                 [&ed](const Args& a) {
                   int id = arg_int(a, "id");
                   for (const auto& [gid, g] : ed.cfg->ccm_groups)
                     for (const auto& [prio, ccm] : g.ccm_by_priority)
                       if (ccm == id)
                         return Outcome::fail("% CCM identifier " + std::to_string(id) +
                                                  " is associated with sccp ccm group " +
                                                  std::to_string(gid) +
                                                  "; remove the association first.",
                                              "id");
                   ed.cfg->sccp_ccms.erase(id);
                   return Outcome::ok();
                 }});

  const std::string group_number = range_token(group::kGroupNumber);
  out.push_back({kGlobal,
                 "sccp ccm group " + group_number + "$group",
                 {"", "", "", "Group number"},
                 [&ed](const Args& a) {
                   int g = arg_int(a, "group");
                   ed.cfg->ccm_groups[g];
                   return Outcome::enter(kCcmGroup, std::to_string(g));
                 }});
  out.push_back({kGlobal,
                 "no sccp ccm group " + group_number + "$group",
                 {"", "", "", "", "Group number"},
                 [&ed](const Args& a) {
                   ed.cfg->ccm_groups.erase(arg_int(a, "group"));
                   return Outcome::ok();
                 }});

  // ---- sccp ccm group mode ----
  out.push_back(
      {kCcmGroup,
       "associate ccm " + range_token(ccm::kIdentifier) + "$id priority " +
           range_token(ccm::kPriority) + "$priority",
       {"", "Associate a CCM with this group", "CCM identifier", "", "Priority (1 is highest)"},
       [&ed](const Args& a) {
         int id = arg_int(a, "id"), prio = arg_int(a, "priority");
         if (!ed.cfg->sccp_ccms.count(id))
           return Outcome::fail("% CCM identifier " + std::to_string(id) +
                                    " is not configured (sccp ccm ... identifier " +
                                    std::to_string(id) + ").",
                                "id");
         CcmGroup& g = group_of(ed, a);
         auto at = g.ccm_by_priority.find(prio);
         if (at != g.ccm_by_priority.end() && at->second != id)
           return Outcome::fail("% Priority " + std::to_string(prio) +
                                    " is already assigned to CCM identifier " +
                                    std::to_string(at->second) + ".",
                                "priority");
         for (const auto& [p, c] : g.ccm_by_priority)
           if (c == id && p != prio)
             return Outcome::fail("% CCM identifier " + std::to_string(id) +
                                      " is already associated with priority " + std::to_string(p) +
                                      ".",
                                  "id");
         g.ccm_by_priority[prio] = id;
         return Outcome::ok();
       }});
  out.push_back({kCcmGroup,
                 "no associate ccm " + range_token(ccm::kIdentifier) + "$id [priority " +
                     range_token(ccm::kPriority) + "$priority]",
                 {"", "", "", "CCM identifier", "", "Priority"},
                 [&ed](const Args& a) {
                   CcmGroup& g = group_of(ed, a);
                   int id = arg_int(a, "id");
                   std::erase_if(g.ccm_by_priority,
                                 [id](const auto& kv) { return kv.second == id; });
                   return Outcome::ok();
                 }});

  out.push_back({kCcmGroup,
                 "associate profile " + range_token(sccp::dspfarm::kProfileId) +
                     "$profile register DEVICE-NAME$name",
                 {"", "", "DSP farm profile identifier", "", "Device name (up to 15 characters)"},
                 [&ed](const Args& a) {
                   CcmGroup& g = group_of(ed, a);
                   int profile = arg_int(a, "profile");
                   std::string name(a.get("name"));
                   for (const auto& [gid, other] : ed.cfg->ccm_groups)
                     for (const auto& p : other.profiles)
                       if (p.device_name == name && p.profile != profile)
                         return Outcome::fail("% Device name " + name +
                                                  " is already registered by profile " +
                                                  std::to_string(p.profile) + ".",
                                              "name");
                   for (auto& p : g.profiles)
                     if (p.profile == profile) {
                       p.device_name = name;
                       return Outcome::ok();
                     }
                   g.profiles.push_back({profile, name});
                   return Outcome::ok();
                 }});
  out.push_back({kCcmGroup,
                 "no associate profile " + range_token(sccp::dspfarm::kProfileId) +
                     "$profile [register DEVICE-NAME$name]",
                 {"", "", "", "DSP farm profile identifier", "", "Device name"},
                 [&ed](const Args& a) {
                   int profile = arg_int(a, "profile");
                   std::erase_if(group_of(ed, a).profiles,
                                 [profile](const auto& p) { return p.profile == profile; });
                   return Outcome::ok();
                 }});

  add_group_number(out, ed, "keepalive retries", group::kKeepaliveRetries,
                   "Number of keepalive attempts", &CcmGroup::keepalive_retries);
  add_group_number(out, ed, "keepalive timeout", group::kKeepaliveTimeout,
                   "Seconds between keepalives", &CcmGroup::keepalive_timeout);
  add_group_number(out, ed, "connect retries", group::kConnectRetries, "Number of connect attempts",
                   &CcmGroup::connect_retries);
  add_group_number(out, ed, "connect interval", group::kConnectInterval,
                   "Seconds between connect attempts", &CcmGroup::connect_interval);
  add_group_number(out, ed, "registration retries", group::kRegistrationRetries,
                   "Number of registration attempts", &CcmGroup::registration_retries);
  add_group_number(out, ed, "registration timeout", group::kRegistrationTimeout,
                   "Seconds to wait for a registration answer", &CcmGroup::registration_timeout);
  add_group_number(out, ed, "switchback interval", group::kSwitchbackInterval,
                   "Seconds a CCM must stay up (uptime method)", &CcmGroup::switchback_interval);

  out.push_back({kCcmGroup,
                 "switchover method {graceful$m|immediate$m}",
                 {"", "", "Switch over when no session is active", "Switch over at once"},
                 [&ed](const Args& a) {
                   group_of(ed, a).switchover =
                       parse_switchover_method(a.get("m")).value_or(CcmGroup{}.switchover);
                   return Outcome::ok();
                 }});
  for (const char* form :
       {"no switchover method [graceful|immediate]", "default switchover method"})
    out.push_back({kCcmGroup, form, {"", "", "", "Graceful", "Immediate"}, [&ed](const Args& a) {
                     group_of(ed, a).switchover = CcmGroup{}.switchover;
                     return Outcome::ok();
                   }});

  out.push_back({kCcmGroup,
                 "switchback method {graceful$m|guard$m [" + range_token(group::kSwitchbackGuard) +
                     "$guard]|immediate$m|uptime$m}",
                 {"", "", "Switch back when no session is active",
                  "Switch back when idle or when the guard timer expires", "Guard time in seconds",
                  "Switch back at once", "Switch back after the CCM stayed up switchback interval"},
                 [&ed](const Args& a) {
                   CcmGroup& g = group_of(ed, a);
                   g.switchback =
                       parse_switchback_method(a.get("m")).value_or(CcmGroup{}.switchback);
                   g.switchback_guard =
                       a.has("guard") ? arg_int(a, "guard") : CcmGroup{}.switchback_guard;
                   return Outcome::ok();
                 }});
  for (const char* form : {"no switchback method [LINE$rest]", "default switchback method"})
    out.push_back({kCcmGroup, form, {"", "", "", "Ignored"}, [&ed](const Args& a) {
                     CcmGroup& g = group_of(ed, a);
                     g.switchback = CcmGroup{}.switchback;
                     g.switchback_guard = CcmGroup{}.switchback_guard;
                     return Outcome::ok();
                   }});

  out.push_back({kCcmGroup,
                 "bind interface IFNAME$ifname",
                 {"", "", "Linux interface name"},
                 [&ed](const Args& a) {
                   group_of(ed, a).bind_interface = std::string(a.get("ifname"));
                   return Outcome::ok();
                 }});
  for (const char* form : {"no bind interface [IFNAME$ifname]", "default bind interface"})
    out.push_back({kCcmGroup, form, {"", "", "", "Linux interface name"}, [&ed](const Args& a) {
                     group_of(ed, a).bind_interface.clear();
                     return Outcome::ok();
                   }});

  out.push_back({kCcmGroup,
                 "description LINE$text",
                 {"Description of this CCM group", "Up to 80 characters"},
                 [&ed](const Args& a) {
                   if (a.get("text").size() > 80)
                     return Outcome::fail("% Description is longer than 80 characters.", "text");
                   group_of(ed, a).description = std::string(a.get("text"));
                   return Outcome::ok();
                 }});
  for (const char* form : {"no description [LINE$text]", "default description"})
    out.push_back(
        {kCcmGroup, form, {"", "Description of this CCM group", "Ignored"}, [&ed](const Args& a) {
           group_of(ed, a).description.clear();
           return Outcome::ok();
         }});
}

}  // namespace gw::config
