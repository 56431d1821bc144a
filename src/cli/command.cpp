#include "cli/command.hpp"

namespace gw::cli {

long Args::number(std::string_view name, long fallback) const {
  auto n = parse_number(get(name));
  return n ? *n : fallback;
}

}  // namespace gw::cli
