#include "report/kamailio_wording.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace gw::daemon {

namespace {
std::string state_text(kamailio::DsState s) {
  return std::string(1, static_cast<char>(s));
}
}  // namespace

std::optional<Event> kamailio_event(const kamailio::SyncEvent& event) {
  namespace se = kamailio::sync_event;
  return std::visit(
      [](const auto& e) -> std::optional<Event> {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, se::SetApplied>) {
          return Event{names::kKamailioDispatcherSet, {}}
              .with("set", std::int64_t{e.dest.set})
              .with("uri", e.dest.uri)
              .with("state", state_text(e.state))
              .with("dial_peer", std::int64_t{e.dial_peer});
        } else if constexpr (std::is_same_v<E, se::RpcDown>) {
          return Event{names::kKamailioRpcDown, {}}.with("error", e.error);
        } else if constexpr (std::is_same_v<E, se::RpcUp>) {
          return Event{names::kKamailioRpcUp, {}};
        } else {
          return std::nullopt;
        }
      },
      event);
}

IosLogLine kamailio_log_line(const kamailio::SyncEvent& event, const std::string& rpc_url) {
  namespace se = kamailio::sync_event;
  return std::visit(
      [&](const auto& e) -> IosLogLine {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, se::SetApplied>) {
          return {5, fmt::format("%GATEWATCH-5-KAMAILIO_DISPATCHER: dispatcher set {} "
                                 "destination {} is now {} (dial-peer {})",
                                 e.dest.set, e.dest.uri,
                                 e.state == kamailio::DsState::active ? "active" : "inactive",
                                 e.dial_peer)};
        } else if constexpr (std::is_same_v<E, se::Missing>) {
          return {4, fmt::format("%GATEWATCH-4-KAMAILIO_MISSING: dispatcher set {} has no "
                                 "destination {} (dial-peer {}); not retried until it appears",
                                 e.dest.set, e.dest.uri, e.dial_peer)};
        } else if constexpr (std::is_same_v<E, se::RpcDown>) {
          return {3, fmt::format("%GATEWATCH-3-KAMAILIO_RPC: Kamailio RPC {} is DOWN ({})", rpc_url,
                                 e.error)};
        } else {
          return {5, fmt::format("%GATEWATCH-5-KAMAILIO_RPC: Kamailio RPC {} is UP", rpc_url)};
        }
      },
      event);
}

IosLogLine kamailio_note_log_line(const std::string& note) {
  return {4, "%GATEWATCH-4-KAMAILIO_PLAN: " + note};
}

}  // namespace gw::daemon
