#include "config/modes.hpp"

namespace gw::config {

std::vector<cli::ModeSpec> mode_specs() {
  return {
      {kExec, "", kExec, false},
      {kGlobal, "config", kExec, true},
      {kSipUa, "config-sip-ua", kGlobal, true},
      {kVoicePort, "config-voiceport", kGlobal, true},
      {kCcmGroup, "config-sccp-ccm", kGlobal, true},
      {kDspfarm, "config-dspfarm-profile", kGlobal, true},
      {kVoiceClass, "config-class", kGlobal, true},
      {kDialPeer, "config-dial-peer", kGlobal, true},
      {kServerGroup, "config-class", kGlobal, true},
  };
}

}  // namespace gw::config
