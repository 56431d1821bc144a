// The CCM session's transition table (state x input -> state) and the names of states,
// inputs and down reasons. Rules: see ccm_session.hpp.
#include <array>

#include "sccp/session_input.hpp"

namespace gw::sccp {

namespace {

using S = SessionState;
using In = detail::SessionInput;

constexpr std::array<std::string_view, 13> kInputNames = {
    "open",           "connected", "connect_failed",    "closed",
    "keepalive_lost", "promote",   "registration_done", "registration_failed",
    "reset",          "demote",    "shutdown",          "unregister_done",
    "finish"};

struct Rule {
  S from;
  In input;
  S to;
};

// state × input → state. An input with no entry for the current state is refused with an
// error naming both; nothing changes.
constexpr Rule kTransitions[] = {
    {S::idle, In::open, S::connecting},
    {S::down, In::open, S::connecting},
    {S::connecting, In::connected, S::standby},
    {S::connecting, In::connect_failed, S::down},
    {S::connecting, In::closed, S::down},  // closed before connected: reported as refused
    {S::standby, In::closed, S::down},
    {S::registering, In::closed, S::down},
    {S::registered, In::closed, S::down},
    {S::unregistering, In::closed, S::down},
    {S::standby, In::keepalive_lost, S::down},
    {S::registering, In::keepalive_lost, S::down},
    {S::registered, In::keepalive_lost, S::down},
    {S::unregistering, In::keepalive_lost, S::down},
    {S::standby, In::promote, S::registering},
    {S::registering, In::registration_done, S::registered},
    {S::registering, In::registration_failed, S::down},
    {S::registering, In::reset, S::registering},
    {S::registered, In::reset, S::registering},
    {S::registering, In::demote, S::unregistering},
    {S::registered, In::demote, S::unregistering},
    {S::registering, In::shutdown_unregister, S::unregistering},
    {S::registered, In::shutdown_unregister, S::unregistering},
    {S::unregistering, In::unregister_done, S::standby},
    {S::idle, In::finish, S::idle},
    {S::connecting, In::finish, S::idle},
    {S::standby, In::finish, S::idle},
    {S::registering, In::finish, S::idle},
    {S::registered, In::finish, S::idle},
    {S::unregistering, In::finish, S::idle},
    {S::down, In::finish, S::idle},
};

}  // namespace

std::string_view to_string(SessionState s) {
  switch (s) {
    case SessionState::idle:
      return "idle";
    case SessionState::connecting:
      return "connecting";
    case SessionState::standby:
      return "standby";
    case SessionState::registering:
      return "registering";
    case SessionState::registered:
      return "registered";
    case SessionState::unregistering:
      return "unregistering";
    case SessionState::down:
      return "down";
  }
  return "?";
}

std::string_view to_string(DownReason r) {
  switch (r) {
    case DownReason::keepalive:
      return "keepalive";
    case DownReason::closed:
      return "closed";
    case DownReason::refused:
      return "refused";
    case DownReason::rejected:
      return "rejected";
  }
  return "?";
}

namespace detail {

std::optional<SessionState> next_state(SessionState from, SessionInput input) {
  for (const Rule& r : kTransitions)
    if (r.from == from && r.input == input) return r.to;
  return std::nullopt;
}

std::string_view input_name(SessionInput input) {
  return kInputNames[static_cast<std::size_t>(input)];
}

}  // namespace detail

}  // namespace gw::sccp
