// Loading a configuration file. Strict mode (`gatewatch check -c`, `run -c`): every line must
// be a known, valid command; any error rejects the whole file and the result holds every
// error with its line and caret column. Extract mode (`check --extract`): a whole IOS router
// configuration; known commands are kept, everything else (unknown commands with their
// sub-mode lines, banners, the "Building configuration..." header) is skipped and listed.
// Extract follows IOS's rule for lines whose indentation was lost (copies off web pages): a
// line not valid in the current mode is tried in the enclosing modes, and an unknown block's
// children are its children however they are indented (cli/ios_block_openers.hpp). In an indented
// configuration an unindented line starts a new top-level command, as before.
// Either way the input is never applied partially: the caller gets a whole Config.
#pragma once
#include <string>
#include <vector>

#include "config/line_reader.hpp"
#include "config/model.hpp"
#include "config/session.hpp"

namespace gw::config {

struct LineDiagnostic {
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based caret column (1 when the message has no caret)
  bool has_caret = false;
  std::string message;  // "% Invalid input detected at '^' marker."
  std::string text;     // the line, tabs and control characters shown as single spaces/'?'
};

struct LoadResult {
  Config config;
  std::vector<LineDiagnostic> errors;   // strict mode: non-empty means rejected
  std::vector<LineDiagnostic> skipped;  // extract mode: what was left out
  std::size_t lines = 0;
  bool ok() const { return errors.empty(); }
};

enum class LoadMode { strict, extract };

LoadResult load_config(LineReader& reader, LoadMode mode = LoadMode::strict);
LoadResult load_config_text(std::string_view text, LoadMode mode = LoadMode::strict);

// The same on a caller's Session, so that its command tables are compiled once for many loads
// (compiling them costs more than loading a typical file). The session's Config is replaced by
// an empty one and its console reset first; afterwards both hold what the text built. With a
// Session constructed without extra EXEC commands the result equals the calls above.
LoadResult load_config(LineReader& reader, LoadMode mode, Session& session);
LoadResult load_config_text(std::string_view text, LoadMode mode, Session& session);

// "FILE:LINE:COL: % message\n<line>\n<caret line>\n"
std::string format_diagnostic(std::string_view file, const LineDiagnostic& d);

}  // namespace gw::config
