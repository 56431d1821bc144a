// PeerState codec: see peer_state.hpp.
#include "cluster/peer_state.hpp"

#include <nlohmann/json.hpp>

namespace gw::cluster {

using nlohmann::json;

std::string encode_state(const PeerState& s) {
  json j = {{"state", s.up ? "up" : "down"},
            {"node", s.node},
            {"address", s.address},
            {"transport", s.transport}};
  if (!s.up) j["reason"] = s.reason;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<PeerState> decode_state(std::string_view value) {
  json j = json::parse(value.begin(), value.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  PeerState s;
  const auto str = [&j](const char* k, std::string& out) {
    auto it = j.find(k);
    if (it == j.end()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  std::string state;
  if (!str("state", state) || (state != "up" && state != "down")) return std::nullopt;
  s.up = state == "up";
  if (!str("node", s.node) || !str("address", s.address) || !str("transport", s.transport) ||
      !str("reason", s.reason))
    return std::nullopt;
  return s;
}

}  // namespace gw::cluster
