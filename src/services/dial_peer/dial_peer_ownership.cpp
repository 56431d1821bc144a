// The cluster's hooks into the dial-peer keepalive: which dial-peers this node probes, and the
// verdict of one it probes (dial_peer_keepalive_service.hpp).
#include "services/dial_peer/dial_peer_keepalive_service.hpp"

namespace gw::daemon {

void DialPeerKeepaliveService::set_owned(std::function<bool(long)> owned) {
  table_.set_owned(std::move(owned));
}

std::optional<DialPeerKeepaliveService::Verdict> DialPeerKeepaliveService::verdict(long tag) const {
  const auto slot = table_.slot_of(tag);
  if (!slot) return std::nullopt;
  const DialPeerTable::Peer& p = table_.peer(*slot);
  using Phase = keepalive::TargetSession::Phase;
  const bool probing =
      p.session.phase() == Phase::up_probing || p.session.phase() == Phase::down_probing;
  if (p.session.attempts() <= (probing ? 1u : 0u)) return std::nullopt;  // no result yet
  Verdict v;
  v.up = p.session.state() == keepalive::TargetState::up;
  v.address = *slot < probers_.size() && probers_[*slot] ? probers_[*slot]->address() : "";
  v.transport = p.target.transport;
  if (!v.up && p.session.last_failure())
    v.reason = std::string(keepalive::to_string(*p.session.last_failure()));
  return v;
}

}  // namespace gw::daemon
