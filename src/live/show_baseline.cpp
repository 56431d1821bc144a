#include "live/show_baseline.hpp"

namespace gw::daemon {
namespace {

std::uint64_t since(std::uint64_t now, std::uint64_t base) {
  return now >= base ? now - base : now;
}

}  // namespace

void ShowBaseline::clear_sip_ua(const DaemonSnapshot& now) {
  sip_set_ = true;
  sip_wire_ = now.sip ? now.sip->counters : sip::SipWireCounters{};
  sip_targets_.clear();
  if (now.sip)
    for (const auto& t : now.sip->targets) sip_targets_[t.role] = {t.attempts, t.failures};
}

void ShowBaseline::apply(DaemonSnapshot& s) const {
  if (!sip_set_ || !s.sip) return;
  auto& c = s.sip->counters;
  const bool restarted = c.sent < sip_wire_.sent;
  if (!restarted) {
    c.sent -= sip_wire_.sent;
    c.retransmissions = since(c.retransmissions, sip_wire_.retransmissions);
    c.responses = since(c.responses, sip_wire_.responses);
    c.malformed = since(c.malformed, sip_wire_.malformed);
    c.unmatched = since(c.unmatched, sip_wire_.unmatched);
    c.icmp_errors = since(c.icmp_errors, sip_wire_.icmp_errors);
  }
  for (auto& t : s.sip->targets) {
    auto it = sip_targets_.find(t.role);
    if (it == sip_targets_.end() || t.attempts < it->second.first) continue;
    t.attempts -= it->second.first;
    t.failures = since(t.failures, it->second.second);
  }
}

}  // namespace gw::daemon
