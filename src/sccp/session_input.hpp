// The inputs of a CCM session's state machine and its transition table (session_transitions.cpp),
// shared by CcmSession's actions (ccm_session.cpp). Internal to sccp/. Pure.
#pragma once
#include <optional>
#include <string_view>

#include "sccp/ccm_session.hpp"

namespace gw::sccp {

namespace detail {
enum class SessionInput : int {
  open,
  connected,
  connect_failed,
  closed,
  keepalive_lost,
  promote,
  registration_done,
  registration_failed,
  reset,
  demote,
  shutdown_unregister,
  unregister_done,
  finish
};

// The state `input` leads to from `from`; nullopt when the table has no such transition.
std::optional<SessionState> next_state(SessionState from, SessionInput input);
std::string_view input_name(SessionInput input);

}  // namespace detail

}  // namespace gw::sccp
