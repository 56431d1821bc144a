// check_reload_stable(): the running-config property of render.hpp, asserted on a Config.
// Contract: render(cfg) loads back strictly without an error, the Config it gives is equal to
// cfg, and rendering that gives the same text byte for byte. Aborts through FUZZ_CHECK
// otherwise, after printing the text and the first error to stderr.
// Per-input work only: the load goes through one Session kept for the process (the overload of
// load_config_text on a Session: the same load, without compiling the command tables again),
// and a text whose load and second rendering were already checked is not loaded again. Loading
// and rendering are pure (no clock, no I/O, no state kept between calls), so a text checked
// once loads to the same Config every time: only `that Config == cfg` is asserted again. The
// memo is bounded (cleared when full).
#pragma once
#include <cstdio>
#include <string>
#include <unordered_map>

#include "config/loader.hpp"
#include "config/render.hpp"
#include "fuzz_check.hpp"

namespace gw::fuzz {

inline void check_reload_stable(const config::Config& cfg) {
  static config::Session session;
  static std::unordered_map<std::string, config::Config> checked;  // rendered text -> its load
  std::string text = config::render_running_config(cfg);
  if (auto it = checked.find(text); it != checked.end()) {
    FUZZ_CHECK(it->second == cfg, "loading the rendered text gives another Config");
    return;
  }
  auto again = config::load_config_text(text, config::LoadMode::strict, session);
  if (!again.ok()) {
    const auto& e = again.errors.front();
    std::fprintf(stderr, "rendered:\n%s\nline %zu: %s\n", text.c_str(), e.line, e.message.c_str());
  }
  FUZZ_CHECK(again.ok(), "the rendered running-config does not load");
  const std::string second = config::render_running_config(again.config);
  if (second != text)
    std::fprintf(stderr, "first:\n%s\nsecond:\n%s\n", text.c_str(), second.c_str());
  FUZZ_CHECK(second == text, "render -> load -> render is not byte-identical");
  FUZZ_CHECK(again.config == cfg, "loading the rendered text gives another Config");
  if (checked.size() >= 1024) checked.clear();
  checked.emplace(std::move(text), std::move(again.config));
}

}  // namespace gw::fuzz
