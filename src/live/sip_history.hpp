// SipHistory: what the status page shows of each sip-ua keepalive target beyond its snapshot:
// when its state last changed (and the reason of the last down), and the round-trip times of
// its last attempts (kSamples, oldest first; a failed attempt is a gap).
// Contract:
// - observe(event, ts): sip.target.down / sip.target.up set the target's last change (ts) and
//   reason (down only; cleared by up). Other events are ignored.
// - sample(snapshot): called periodically with the SIP snapshot; when a target's count of
//   finished attempts (attempts begun, less the one running while `probing`) grew since the
//   last call, appends one sample: nothing (a gap) when its failure count grew
//   too, else its last RTT in ms. Several attempts between two calls give one sample. A count
//   that went down (the target was restarted) starts over.
// Memory: two targets (primary, secondary), kSamples each. Pure; single-threaded.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "report/event.hpp"
#include "report/snapshot.hpp"

namespace gw::daemon {

struct SipTargetHistory {
  std::string role;  // "primary" | "secondary"
  std::optional<WallClock::time_point> last_change;
  std::string reason;                        // of the last down while down, else ""
  std::deque<std::optional<double>> rtt_ms;  // oldest first; nullopt: a failed attempt
  std::uint64_t attempts_seen = 0;
  std::uint64_t failures_seen = 0;
};

class SipHistory {
 public:
  static constexpr std::size_t kSamples = 60;

  void observe(const Event& event, WallClock::time_point ts);
  void sample(const SipKeepaliveSnapshot& sip);
  const std::vector<SipTargetHistory>& targets() const { return targets_; }
  // The history of `role`, or null.
  const SipTargetHistory* find(const std::string& role) const;

 private:
  SipTargetHistory& entry(const std::string& role);

  std::vector<SipTargetHistory> targets_;
};

}  // namespace gw::daemon
