// fuzz_config_loader: load_config_text() on a whole file of arbitrary bytes, strict and extract.
// Properties: never crashes or throws; strict mode either accepts (then the Config's rendering
// is stable: render → load → render is byte-identical, see reload_check.hpp) or reports at
// least one error with a 1-based line within the file; extract mode never rejects (it skips),
// and whatever it keeps renders stably too.
// Both loads go through one Session built once (load_config_text's overload on a Session, the
// same load as a fresh one): compiling the command tables per input cost more than the loads.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config/loader.hpp"
#include "fuzz_check.hpp"
#include "reload_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using gw::config::LoadMode;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static gw::config::Session session;

  const auto strict = gw::config::load_config_text(text, LoadMode::strict, session);
  if (strict.ok()) {
    gw::fuzz::check_reload_stable(strict.config);
  } else {
    for (const auto& e : strict.errors) {
      FUZZ_CHECK(e.line >= 1 && e.line <= strict.lines + 1, "diagnostic line outside the file");
      FUZZ_CHECK(e.column >= 1, "diagnostic column is 1-based");
      (void)gw::config::format_diagnostic("fuzz.cfg", e);
    }
  }

  const auto extract = gw::config::load_config_text(text, LoadMode::extract, session);
  FUZZ_CHECK(extract.ok(), "extract mode skips what it cannot use, it never rejects");
  if (!strict.ok() || !(extract.config == strict.config))
    gw::fuzz::check_reload_stable(extract.config);
  return 0;
}
