// The `sccp ccm group` switchover and switchback methods, named as IOS spells them:
//   switchover method {graceful|immediate}
//   switchback method {graceful|guard|immediate|uptime}
// One definition for the config layer (which parses and renders them) and the sccp layer
// (whose GroupManager acts on them). to_string gives the IOS keyword; parse_* is its inverse
// and returns nullopt for any other text (no abbreviation: the command matcher expands those).
#pragma once
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace gw {

enum class SwitchoverMethod { graceful, immediate };
enum class SwitchbackMethod { graceful, guard, immediate, uptime };

inline constexpr std::array<std::pair<SwitchoverMethod, std::string_view>, 2>
    kSwitchoverMethodNames{{
        {SwitchoverMethod::graceful, "graceful"},
        {SwitchoverMethod::immediate, "immediate"},
    }};

inline constexpr std::array<std::pair<SwitchbackMethod, std::string_view>, 4>
    kSwitchbackMethodNames{{
        {SwitchbackMethod::graceful, "graceful"},
        {SwitchbackMethod::guard, "guard"},
        {SwitchbackMethod::immediate, "immediate"},
        {SwitchbackMethod::uptime, "uptime"},
    }};

namespace sccp_methods_detail {
template <class E, std::size_t N>
constexpr std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table,
                                   E e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "?";
}
template <class E, std::size_t N>
constexpr std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& table,
                                    std::string_view s) {
  for (const auto& [value, name] : table)
    if (name == s) return value;
  return std::nullopt;
}
}  // namespace sccp_methods_detail

constexpr std::string_view to_string(SwitchoverMethod m) {
  return sccp_methods_detail::name_of(kSwitchoverMethodNames, m);
}
constexpr std::string_view to_string(SwitchbackMethod m) {
  return sccp_methods_detail::name_of(kSwitchbackMethodNames, m);
}
constexpr std::optional<SwitchoverMethod> parse_switchover_method(std::string_view s) {
  return sccp_methods_detail::value_of(kSwitchoverMethodNames, s);
}
constexpr std::optional<SwitchbackMethod> parse_switchback_method(std::string_view s) {
  return sccp_methods_detail::value_of(kSwitchbackMethodNames, s);
}

}  // namespace gw
