#include "sccp/switch_methods.hpp"

#include <gtest/gtest.h>

namespace gw {
namespace {

TEST(SccpMethods, SwitchoverNamesAreTheIosKeywordsAndParseBack) {
  EXPECT_EQ(to_string(SwitchoverMethod::graceful), "graceful");
  EXPECT_EQ(to_string(SwitchoverMethod::immediate), "immediate");
  for (const auto& [value, name] : kSwitchoverMethodNames)
    EXPECT_EQ(parse_switchover_method(name), value);
}

TEST(SccpMethods, SwitchbackNamesAreTheIosKeywordsAndParseBack) {
  EXPECT_EQ(to_string(SwitchbackMethod::graceful), "graceful");
  EXPECT_EQ(to_string(SwitchbackMethod::guard), "guard");
  EXPECT_EQ(to_string(SwitchbackMethod::immediate), "immediate");
  EXPECT_EQ(to_string(SwitchbackMethod::uptime), "uptime");
  for (const auto& [value, name] : kSwitchbackMethodNames)
    EXPECT_EQ(parse_switchback_method(name), value);
}

TEST(SccpMethods, OtherTextDoesNotParse) {
  EXPECT_EQ(parse_switchover_method("guard"), std::nullopt);
  EXPECT_EQ(parse_switchover_method("imm"), std::nullopt);
  EXPECT_EQ(parse_switchback_method(""), std::nullopt);
  EXPECT_EQ(parse_switchback_method("Guard"), std::nullopt);
}

}  // namespace
}  // namespace gw
