// Helpers shared by the gw_config command tests: load a configuration text with the strict
// loader and expect it to pass (load_ok: each error is a test failure naming line, column,
// message and text; the model is returned either way) or to fail on exactly one line
// (load_error: that line's diagnostic; an empty one, with a failure, otherwise).
#pragma once
#include <gtest/gtest.h>

#include <string_view>

#include "config/loader.hpp"

namespace gw::config::test {

inline Config load_ok(std::string_view text) {
  auto r = load_config_text(text);
  for (const auto& e : r.errors)
    ADD_FAILURE() << e.line << ":" << e.column << " " << e.message << " | " << e.text;
  return r.config;
}

inline LineDiagnostic load_error(std::string_view text) {
  auto r = load_config_text(text);
  EXPECT_EQ(r.errors.size(), 1u) << text;
  return r.errors.empty() ? LineDiagnostic{} : r.errors.front();
}

}  // namespace gw::config::test
