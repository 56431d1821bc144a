// Kamailio's dispatcher over JSON-RPC 2.0 (module jsonrpcs): the request bodies gatewatch sends
// and the parsing of Kamailio's answers. Pure: bytes in, values out.
// Contract: parse_* never throw and never trust the input: an answer that is not JSON, not a
// JSON-RPC 2.0 object, carries another id, or lacks what the method returns is an Error with
// code "answer"; a JSON-RPC error object is an Error with code "rpc" and Kamailio's message. An
// answer over kMaxAnswerBytes is refused unread ("answer"). One request per destination:
// Kamailio 5.6's jsonrpcs does not execute batch arrays.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace gw::kamailio {

// dispatcher.list of 100k destinations is about 15 MB.
inline constexpr std::size_t kMaxAnswerBytes = 32u << 20;

// A dispatcher destination as Kamailio names it: set id and URI.
struct Destination {
  std::int64_t set = 0;
  std::string uri;
  auto operator<=>(const Destination&) const = default;
};

// The state gatewatch sets: 'a' active, 'i' inactive (dispatcher.set_state's first parameter).
enum class DsState : char { active = 'a', inactive = 'i' };

std::string set_state_request(std::uint64_t id, DsState state, const Destination& dest);
std::string list_request(std::uint64_t id);

// A success (any "result", or none) of the request `id`.
Status<> parse_set_state_answer(std::string_view body, std::uint64_t id);

// One row of dispatcher.list: FLAGS' first letter is the state (A active, I inactive,
// D disabled, T trying); `active` is true for A only.
struct ListedDestination {
  Destination dest;
  bool active = false;
  std::string flags;
};
Result<std::vector<ListedDestination>> parse_list_answer(std::string_view body, std::uint64_t id);

}  // namespace gw::kamailio
