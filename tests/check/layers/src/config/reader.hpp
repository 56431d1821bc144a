#pragma once
#include "cli/words.hpp"

namespace fixture {

class Reader {
 public:
  bool open(TimePoint now);
};

}  // namespace fixture
