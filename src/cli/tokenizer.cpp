#include "cli/tokenizer.hpp"

namespace gw::cli {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string_view trim_right(std::string_view line) {
  while (!line.empty() && is_blank(line.back())) line.remove_suffix(1);
  return line;
}

std::vector<Word> tokenize(std::string_view line) {
  std::vector<Word> words;
  line = trim_right(line);
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  if (i < line.size() && line[i] == '!') return words;
  while (i < line.size()) {
    std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    words.push_back(Word{line.substr(start, i - start), start});
    while (i < line.size() && is_blank(line[i])) ++i;
  }
  return words;
}

}  // namespace gw::cli
