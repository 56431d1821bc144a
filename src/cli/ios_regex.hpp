// IOS regular expressions as `| include`, `| exclude`, `| begin`, `| section` and `| count`
// use them: POSIX extended syntax searched anywhere in the line (unanchored unless `^`/`$`),
// case-sensitive, plus IOS's `_`, which matches a space, comma, brace, parenthesis, or the
// start or end of the line (`_busyout_` finds the word). Alternation `a|b` works, so
// `| include a | e b` searches for "a " or " e b" (IOS reads one modifier only).
// A pattern without metacharacters is searched as plain text (the common `| i busyout` costs
// one substring search per line).
// Contract: compile() returns an error message (IOS text) for a pattern that does not compile;
// search() never throws and takes any bytes (a NUL ends the searched text, as on IOS).
// Not thread-safe: search() reuses a buffer (one regex per console line).
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace gw::cli {

class IosRegex {
 public:
  static Result<IosRegex> compile(std::string_view pattern);
  IosRegex(IosRegex&&) noexcept;
  IosRegex& operator=(IosRegex&&) noexcept;
  ~IosRegex();

  bool search(std::string_view line) const;
  const std::string& pattern() const { return pattern_; }

 private:
  struct Compiled;
  IosRegex() = default;
  std::string pattern_;
  bool literal_ = true;
  std::unique_ptr<Compiled> compiled_;
};

// The POSIX ERE text of an IOS pattern (`_` outside brackets expanded). For tests.
std::string ios_regex_to_posix(std::string_view pattern);

}  // namespace gw::cli
