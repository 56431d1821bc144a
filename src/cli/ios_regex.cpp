#include "cli/ios_regex.hpp"

#include <regex.h>

namespace gw::cli {

struct IosRegex::Compiled {
  regex_t re{};
  bool ok = false;             // regcomp succeeded: re must be freed
  mutable std::string buffer;  // the NUL-terminated copy regexec needs
  ~Compiled() {
    if (ok) regfree(&re);
  }
};

namespace {

bool is_literal(std::string_view p) {
  for (char c : p) switch (c) {
      case '.':
      case '*':
      case '+':
      case '?':
      case '^':
      case '$':
      case '[':
      case ']':
      case '(':
      case ')':
      case '{':
      case '}':
      case '|':
      case '\\':
      case '_':
        return false;
      default:
        break;
    }
  return true;
}

}  // namespace

std::string ios_regex_to_posix(std::string_view p) {
  std::string out;
  bool in_bracket = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out += c;
      out += p[++i];
      continue;
    }
    if (in_bracket) {
      if (c == ']') in_bracket = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_bracket = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal member.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (c == '_') {
      out += "(^|$|[ ,{}()])";
      continue;
    }
    out += c;
  }
  return out;
}

Result<IosRegex> IosRegex::compile(std::string_view pattern) {
  IosRegex r;
  r.pattern_ = std::string(pattern.substr(0, pattern.find('\0')));
  r.literal_ = is_literal(r.pattern_);
  if (r.literal_) return r;
  r.compiled_ = std::make_unique<Compiled>();
  const std::string posix = ios_regex_to_posix(r.pattern_);
  if (regcomp(&r.compiled_->re, posix.c_str(), REG_EXTENDED | REG_NOSUB) != 0)
    return fail("regex", "% Invalid regular expression: " + r.pattern_);
  r.compiled_->ok = true;
  return r;
}

IosRegex::IosRegex(IosRegex&&) noexcept = default;
IosRegex& IosRegex::operator=(IosRegex&&) noexcept = default;
IosRegex::~IosRegex() = default;

bool IosRegex::search(std::string_view line) const {
  if (literal_) return line.find(pattern_) != std::string_view::npos;
  std::string& b = compiled_->buffer;
  b.assign(line.substr(0, line.find('\0')));
  return regexec(&compiled_->re, b.c_str(), 0, nullptr, 0) == 0;
}

}  // namespace gw::cli
