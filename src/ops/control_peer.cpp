#include "ops/control_peer.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <vector>

namespace gw::daemon {

bool peer_allowed(const PeerPolicy& policy, const PeerCredentials& peer) {
  if (peer.uid == 0 || peer.uid == policy.owner) return true;
  if (!policy.group) return false;
  if (peer.gid == *policy.group) return true;
  return policy.is_member && policy.is_member(peer.uid, *policy.group);
}

namespace {
bool system_is_member(uid_t uid, gid_t group) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) != 0 || !found) return false;
  int count = 64;
  std::vector<gid_t> groups(static_cast<std::size_t>(count));
  if (::getgrouplist(pw.pw_name, pw.pw_gid, groups.data(), &count) < 0) {
    if (count <= 0 || count > 65536) return false;
    groups.resize(static_cast<std::size_t>(count));
    if (::getgrouplist(pw.pw_name, pw.pw_gid, groups.data(), &count) < 0) return false;
  }
  for (int i = 0; i < count; ++i) {
    if (groups[static_cast<std::size_t>(i)] == group) return true;
  }
  return false;
}
}  // namespace

PeerPolicy system_peer_policy(std::optional<gid_t> group) {
  return PeerPolicy{::geteuid(), group, system_is_member};
}

}  // namespace gw::daemon
