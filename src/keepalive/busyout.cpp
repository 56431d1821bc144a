#include "keepalive/busyout.hpp"

#include <algorithm>

namespace gw::keepalive {

std::string_view to_string(BusyoutChange c) {
  switch (c) {
    case BusyoutChange::unchanged:
      return "unchanged";
    case BusyoutChange::busyout:
      return "busyout";
    case BusyoutChange::unbusy:
      return "unbusy";
  }
  return "?";
}

bool total_failure(std::span<const TargetState> targets) {
  return !targets.empty() && std::all_of(targets.begin(), targets.end(),
                                         [](TargetState s) { return s == TargetState::down; });
}

BusyoutChange BusyoutMonitor::update(std::span<const TargetState> targets) {
  const bool busy = total_failure(targets);
  if (busy == busy_) return BusyoutChange::unchanged;
  busy_ = busy;
  return busy ? BusyoutChange::busyout : BusyoutChange::unbusy;
}

}  // namespace gw::keepalive
