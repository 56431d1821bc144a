#include "live/sip_history.hpp"

#include <chrono>

namespace gw::daemon {

SipTargetHistory& SipHistory::entry(const std::string& role) {
  for (auto& t : targets_)
    if (t.role == role) return t;
  auto& t = targets_.emplace_back();
  t.role = role;
  return t;
}

const SipTargetHistory* SipHistory::find(const std::string& role) const {
  for (const auto& t : targets_)
    if (t.role == role) return &t;
  return nullptr;
}

void SipHistory::observe(const Event& event, WallClock::time_point ts) {
  const bool down = event.name == names::kSipTargetDown;
  if (!down && event.name != names::kSipTargetUp) return;
  std::string role;
  std::string reason;
  for (const auto& [k, v] : event.fields) {
    const auto* s = std::get_if<std::string>(&v);
    if (!s) continue;
    if (k == "target") role = *s;
    if (k == "reason") reason = *s;
  }
  // Only the two roles of design.md: a stray name cannot grow the list.
  if (role != "primary" && role != "secondary") return;
  auto& t = entry(role);
  t.last_change = ts;
  t.reason = down ? reason : std::string();
}

void SipHistory::sample(const SipKeepaliveSnapshot& sip) {
  for (const auto& s : sip.targets) {
    if (s.role != "primary" && s.role != "secondary") continue;
    auto& t = entry(s.role);
    // attempts counts those begun: one still running has no result yet.
    const std::uint64_t finished = s.attempts - (s.probing && s.attempts > 0 ? 1 : 0);
    if (finished < t.attempts_seen || s.failures < t.failures_seen) {
      t.attempts_seen = t.failures_seen = 0;
      t.rtt_ms.clear();
    }
    if (finished == t.attempts_seen) continue;
    std::optional<double> v;
    if (s.failures == t.failures_seen && s.last_rtt) {
      v = std::chrono::duration<double, std::milli>(*s.last_rtt).count();
    }
    t.attempts_seen = finished;
    t.failures_seen = s.failures;
    t.rtt_ms.push_back(v);
    while (t.rtt_ms.size() > kSamples) t.rtt_ms.pop_front();
  }
}

}  // namespace gw::daemon
