// ShowBaseline: what `clear sip-ua statistics` resets. IOS `clear` zeroes the counters a show
// prints; here the same counters also feed the Prometheus metrics, which must only grow, so a
// clear records the values at that moment and the show commands print the difference.
// Covers the SIP keepalive wire counters (OPTIONS sent, retransmissions, responses, dropped
// input) and each sip-ua target's attempts/failures (by role) of `show sip-ua keepalive`.
// Contract: pure; apply() never underflows (a restarted target starts below its baseline and
// is shown as is).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "report/snapshot.hpp"

namespace gw::daemon {

class ShowBaseline {
 public:
  void clear_sip_ua(const DaemonSnapshot& now);  // `clear sip-ua statistics`
  void apply(DaemonSnapshot& snapshot) const;    // the snapshot a show renders

 private:
  bool sip_set_ = false;
  sip::SipWireCounters sip_wire_;
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> sip_targets_;  // role
};

}  // namespace gw::daemon
