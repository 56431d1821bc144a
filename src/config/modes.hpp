// The console modes gatewatch knows, with their IOS prompt names.
#pragma once
#include <vector>

#include "cli/command.hpp"
#include "cli/command_table.hpp"

namespace gw::config {

enum Mode : cli::ModeId {
  kExec = cli::kExecMode,
  kGlobal = cli::kConfigMode,
  kSipUa = 2,
  kVoicePort = 3,
  kCcmGroup = 4,
  kDspfarm = 5,
  kVoiceClass = 6,
  kDialPeer = 7,
  kServerGroup = 8,  // `voice class server-group <tag>`: IOS prompts it (config-class) too
};

std::vector<cli::ModeSpec> mode_specs();

}  // namespace gw::config
