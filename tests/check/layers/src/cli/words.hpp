#pragma once
#include <string>

#include "base/clock.hpp"

namespace fixture {

std::string first_word(const std::string& line);

}  // namespace fixture
