// PeerState: the published keepalive state of one dial-peer, the value of its key in etcd.
// Contract: encode_state() writes a small JSON object {"state","node","address","transport",
// "reason"}; decode_state() reads any bytes back, nullopt when they are not such an object (a
// foreign or broken value is ignored, never trusted). Pure.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace gw::cluster {

struct PeerState {
  bool up = true;
  std::string node;       // the node that probed
  std::string address;    // "ip:port" of the attempt
  std::string transport;  // udp | tcp | tls
  std::string reason;     // on down: timeout, 503, ...
  bool operator==(const PeerState&) const = default;
};

std::string encode_state(const PeerState& s);
std::optional<PeerState> decode_state(std::string_view value);

}  // namespace gw::cluster
