// IOS output modifiers (`show ... | include REGEX` and friends) applied to a stream of text as a
// show command produces it: only the lines that pass are kept, so a 100k-line show piped
// through `include` never holds its whole text.
//
//   include  lines that match          exclude  lines that do not match
//   begin    from the first matching line on
//   section  each section (a line starting in column 0 and the indented lines under it)
//            whose first line matches, whole; for a section whose first line does not match,
//            its first line and the indented lines that match (the header is printed once)
//   count    no lines; finish() says "Number of lines which match regexp = N"
//            (`count` without a regex counts every line)
// Contract: feed() takes any chunking (lines may be split across calls); a partial line is
// held until its '\n' or finish(). Never throws. Memory: the kept output plus one line.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "cli/ios_regex.hpp"

namespace gw::cli {

enum class ModifierKind { include, exclude, begin, section, count };

class OutputFilter {
 public:
  // regex empty: every line matches (only `count` may omit it).
  OutputFilter(ModifierKind kind, std::optional<IosRegex> regex);

  void feed(std::string_view text);
  // Flushes a last line without '\n' and appends the count line; returns the filtered text.
  std::string finish();

  std::size_t lines_seen() const { return seen_; }

 private:
  void line(std::string_view l);  // without its '\n'
  bool matches(std::string_view l) const { return !regex_ || regex_->search(l); }

  ModifierKind kind_;
  std::optional<IosRegex> regex_;
  std::string out_;
  std::string partial_;
  std::size_t seen_ = 0;
  std::size_t matched_ = 0;
  bool begun_ = false;           // begin: a line matched
  bool section_whole_ = false;   // section: the current section's header matched
  bool header_printed_ = false;  // section: the current header is in out_
  std::string header_;           // section: the current (unmatched) header
};

}  // namespace gw::cli
