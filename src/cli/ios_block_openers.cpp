#include "cli/ios_block_openers.hpp"

#include <cctype>

namespace gw::cli {

namespace {

// Leading words of IOS global commands that open a sub-mode (IOS XE voice gateways and CUBE).
constexpr std::string_view kOpeners[] = {
    "interface",
    "router",
    "line",
    "controller",
    "class-map",
    "policy-map",
    "ip access-list",
    "ipv6 access-list",
    "crypto",
    "key chain",
    "ip dhcp pool",
    "ipv6 dhcp pool",
    "ip sla",
    "track",
    "archive",
    "control-plane",
    "vrf definition",
    "ip vrf",
    "redundancy",
    "application",
    "gateway",
    "telephony-service",
    "dial-peer",
    "voice service",
    "voice class",
    "voice register",
    "voice translation-rule",
    "voice translation-profile",
    "voice hunt-group",
    "voice-card",
    "voice cause-code",
    "voice iec",
    "voice dnis-map",
    "call-manager-fallback",
    "ephone",
    "ephone-dn",
    "mgcp profile",
    "stcapp",
    "media profile",
    "media class",
    "trunk group",
    "uc wsapi",
    "event manager applet",
    "object-group",
    "flow record",
    "flow exporter",
    "flow monitor",
    "zone security",
    "zone-pair security",
    "parameter-map",
    "route-map",
    "vlan",
    "translation-rule",
    "aaa group",
    "license",
    "multilink",
    "sccp ccm group",
    "dspfarm profile",
    "sip-ua",
    "voice-port",
    "bfd-template",
};

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

}  // namespace

bool opens_ios_block(const std::vector<Word>& words) {
  for (std::string_view opener : kOpeners) {
    std::size_t w = 0;
    bool match = true;
    while (!opener.empty()) {
      const std::size_t sp = opener.find(' ');
      const std::string_view part = opener.substr(0, sp);
      if (w >= words.size() || !iequal(words[w].text, part)) {
        match = false;
        break;
      }
      ++w;
      opener = sp == std::string_view::npos ? std::string_view() : opener.substr(sp + 1);
    }
    if (match) return true;
  }
  return false;
}

}  // namespace gw::cli
