// BusyoutMonitor: voice-port busyout on total keepalive failure (IOS `busyout monitor
// keepalive`). Busy while every configured target is down; un-busy as soon as one is up; never
// busy when no target is configured.
// Contract: update() takes the current state of every configured target and returns a change
// only when the busy decision flips; it owns no references. Pure, not thread-safe.
#pragma once
#include <span>
#include <string_view>

#include "keepalive/target_session.hpp"

namespace gw::keepalive {

enum class BusyoutChange { unchanged, busyout, unbusy };
std::string_view to_string(BusyoutChange c);  // "unchanged", "busyout", "unbusy"

// True when at least one target is configured and all of them are down.
bool total_failure(std::span<const TargetState> configured_targets);

class BusyoutMonitor {
 public:
  BusyoutChange update(std::span<const TargetState> configured_targets);
  bool busy() const { return busy_; }

 private:
  bool busy_ = false;
};

}  // namespace gw::keepalive
