#include "config/loader.hpp"

#include <cctype>
#include <set>

#include "cli/ios_block_openers.hpp"
#include "cli/tokenizer.hpp"
#include "config/session.hpp"

namespace gw::config {
namespace {

std::string printable(std::string_view line) {
  std::string out(cli::trim_right(line));
  for (auto& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '\t')
      c = ' ';
    else if (u < 0x20 || u == 0x7f)
      c = '?';
  }
  return out;
}

LineDiagnostic diagnostic(std::size_t line_no, std::string_view line, const cli::LineError& e) {
  LineDiagnostic d;
  d.line = line_no;
  d.has_caret = e.caret.has_value();
  d.column = e.caret ? *e.caret + 1 : 1;
  d.message = e.message;
  d.text = printable(line);
  return d;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

// Router boilerplate that `show running-config` prints around the commands.
bool is_boilerplate(std::string_view trimmed) {
  return trimmed == "Building configuration..." ||
         starts_with(trimmed, "Current configuration :") ||
         starts_with(trimmed, "Last configuration change") ||
         starts_with(trimmed, "NVRAM config last updated");
}

// `banner motd ^C` → "^C"; `banner login #text#` → "#". Empty when the line is no banner.
std::string banner_delimiter(const std::vector<cli::Word>& words) {
  if (words.size() < 3 || words[0].text != "banner") return {};
  std::string_view d = words[2].text;
  if (starts_with(d, "^C")) return "^C";
  return std::string(d.substr(0, 1));
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

LoadResult load_config(LineReader& reader, LoadMode mode) {
  Session session;
  return load_config(reader, mode, session);
}

LoadResult load_config(LineReader& reader, LoadMode mode, Session& session) {
  LoadResult result;
  session.config() = Config{};
  cli::Console& console = session.console();
  console.reset(kGlobal);

  // The first words of the global commands, spelled out.
  std::set<std::string> top_words;
  for (const auto& c : session.table()->commands_in(kGlobal))
    top_words.insert(lower(c.source.substr(0, c.source.find(' '))));

  std::string line;
  bool too_long = false;
  bool skipping_block = false;
  bool skip_indented = false;   // the skipped block's children were indented
  bool block_indented = false;  // the current sub-mode's lines were indented
  std::string banner_end;
  std::size_t line_no = 0;
  while (reader.next(line, too_long)) {
    ++line_no;
    if (too_long) {
      cli::LineError e{cli::LineError::Kind::too_long, std::nullopt,
                       "% Line too long (over 65536 characters); ignored."};
      auto d = diagnostic(line_no, std::string_view(line).substr(0, 80), e);
      (mode == LoadMode::strict ? result.errors : result.skipped).push_back(d);
      continue;
    }
    if (mode == LoadMode::extract) {
      auto words = cli::tokenize(line);
      if (!banner_end.empty()) {
        if (line.find(banner_end) != std::string::npos) banner_end.clear();
        continue;
      }
      if (words.empty()) continue;
      std::string_view trimmed = cli::trim_right(std::string_view(line).substr(words[0].column));
      if (is_boilerplate(trimmed)) continue;
      bool indented = words[0].column > 0;
      if (std::string delim = banner_delimiter(words); !delim.empty()) {
        std::string_view rest = std::string_view(line).substr(words[2].column + delim.size());
        if (rest.find(delim) == std::string_view::npos) banner_end = delim;
        result.skipped.push_back({line_no, 1, false, "% Banner skipped.", printable(line)});
        continue;
      }
      if (indented && skipping_block) {
        skip_indented = true;
        result.skipped.push_back(
            {line_no, 1, false, "% Skipped with its parent command.", printable(line)});
        continue;
      }
      // An unindented line is a top-level one in an indented configuration (the block it
      // follows showed indentation). In a flat block it is tried in the
      // current mode and then in the enclosing ones, as IOS does with pasted lines.
      if (!indented) {
        if (skipping_block && skip_indented) skipping_block = false;
        // A flat child of an unknown block may abbreviate a global command (`sip` under
        // `voice service voip` is not `sip-ua`): a running-config spells commands out.
        if (skipping_block && !top_words.count(lower(words[0].text))) {
          result.skipped.push_back(
              {line_no, 1, false, "% Skipped with its parent command.", printable(line)});
          continue;
        }
        if (block_indented) console.reset(kGlobal);
      }
      const cli::ModeId before = console.mode();
      auto r = console.execute(line, !indented);
      if (r.error) {
        const bool unknown_top =
            !indented && (console.mode() == kGlobal || cli::opens_ios_block(words));
        if (skipping_block && !indented) {
          result.skipped.push_back(
              {line_no, 1, false, "% Skipped with its parent command.", printable(line)});
        } else {
          result.skipped.push_back(diagnostic(line_no, line, *r.error));
        }
        if (unknown_top) {  // an unknown block begins: its children, however indented, follow
          console.reset(kGlobal);
          skipping_block = true;
          skip_indented = false;
          block_indented = false;
        }
      } else {
        if (!indented) skipping_block = false;
        if (console.mode() != before) block_indented = false;
        if (indented && console.mode() != kGlobal) block_indented = true;
      }
      if (console.mode() == kExec) console.reset(kGlobal);
      continue;
    }
    auto r = console.execute(line);
    if (r.error) result.errors.push_back(diagnostic(line_no, line, *r.error));
    if (console.mode() == kExec) console.reset(kGlobal);  // `end` inside a file
  }
  result.lines = line_no;
  if (reader.read_error())
    result.errors.push_back({line_no + 1, 1, false, "% Error reading the file.", ""});
  if (result.ok()) result.config = session.config();
  return result;
}

LoadResult load_config_text(std::string_view text, LoadMode mode) {
  LineReader reader(text);
  return load_config(reader, mode);
}

LoadResult load_config_text(std::string_view text, LoadMode mode, Session& session) {
  LineReader reader(text);
  return load_config(reader, mode, session);
}

std::string format_diagnostic(std::string_view file, const LineDiagnostic& d) {
  std::string out = std::string(file) + ":" + std::to_string(d.line) + ":" +
                    std::to_string(d.column) + ": " + d.message + "\n" + d.text + "\n";
  if (d.has_caret) out += std::string(d.column - 1, ' ') + "^\n";
  return out;
}

}  // namespace gw::config
