// Who may use the control socket: the peer credentials (SO_PEERCRED) against the policy.
// Allowed: root, the daemon's own uid, and — when a control group is configured
// (`--control-group NAME`) — a peer whose primary gid is that group or who is a member of it.
// Everything else is refused (the connection is closed with one error line).
// Pure: group membership is asked through an injected function (getgrouplist in the daemon,
// a fake in tests).
#pragma once
#include <sys/types.h>

#include <functional>
#include <optional>

namespace gw::daemon {

struct PeerCredentials {
  pid_t pid = 0;
  uid_t uid = 0;
  gid_t gid = 0;
};

struct PeerPolicy {
  uid_t owner = 0;
  std::optional<gid_t> group;
  std::function<bool(uid_t, gid_t)> is_member;  // may be empty: primary gid only
};

bool peer_allowed(const PeerPolicy& policy, const PeerCredentials& peer);

// The daemon's policy: owner = geteuid(), membership by getgrouplist().
PeerPolicy system_peer_policy(std::optional<gid_t> group);

}  // namespace gw::daemon
