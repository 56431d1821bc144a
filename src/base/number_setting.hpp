// NumberSetting: one integer argument of an IOS command, its default and the inclusive range
// the grammar accepts (`<min-max>`). The settings.hpp of each protocol layer define theirs with
// it; the config layer builds its grammar tokens and model defaults from them. Plain data.
#pragma once

namespace gw {

struct NumberSetting {
  int default_value;
  int min;
  int max;
};

}  // namespace gw
