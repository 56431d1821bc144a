// check_reload_stable(): the running-config property of render.hpp, asserted on a Config.
// Contract: render(cfg) loads back strictly without an error, the Config it gives is equal to
// cfg, and rendering that gives the same text byte for byte. Aborts through FUZZ_CHECK
// otherwise, after printing the text and the first error to stderr. The load goes through one
// Session kept for the process (load_config_text's overload on a Session): the same load as
// load_config_text(text), without compiling the command tables again for every input.
#pragma once
#include <cstdio>
#include <string>

#include "config/loader.hpp"
#include "config/render.hpp"
#include "fuzz_check.hpp"

namespace gw::fuzz {

inline void check_reload_stable(const config::Config& cfg) {
  static config::Session session;
  const std::string text = config::render_running_config(cfg);
  const auto again = config::load_config_text(text, config::LoadMode::strict, session);
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
}

}  // namespace gw::fuzz
