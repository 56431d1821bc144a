// expect_setting: a NumberSetting holds the IOS default and range the reference documents, and
// its default lies within its range.
#pragma once
#include <gtest/gtest.h>

#include "base/number_setting.hpp"

namespace gw::test {

inline void expect_setting(NumberSetting s, int default_value, int min, int max) {
  EXPECT_EQ(s.default_value, default_value);
  EXPECT_EQ(s.min, min);
  EXPECT_EQ(s.max, max);
  EXPECT_LE(s.min, s.default_value);
  EXPECT_LE(s.default_value, s.max);
}

}  // namespace gw::test
