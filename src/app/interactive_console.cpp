// libedit front end of the IOS console (see console_backend.hpp).
#include <histedit.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "app/console_backend.hpp"

namespace gw::app {
namespace {

struct State {
  ConsoleBackend* backend = nullptr;
  std::string prompt;
};

State* state_of(EditLine* el) {
  void* data = nullptr;
  el_get(el, EL_CLIENTDATA, &data);
  return static_cast<State*>(data);
}

const char* prompt_fn(EditLine* el) {
  return state_of(el)->prompt.c_str();
}

std::string line_before_cursor(EditLine* el) {
  const LineInfo* li = el_line(el);
  return std::string(li->buffer, static_cast<std::size_t>(li->cursor - li->buffer));
}

// `?`: print the help for what is typed so far, then show the prompt and the line again.
unsigned char help_fn(EditLine* el, int) {
  State* s = state_of(el);
  std::string text = s->backend->help(line_before_cursor(el));
  std::fputs("?\n", stdout);
  std::fputs(text.c_str(), stdout);
  std::fflush(stdout);
  return CC_REDISPLAY;
}

// Tab: complete a unique keyword; list the candidates when there are several.
unsigned char complete_fn(EditLine* el, int) {
  State* s = state_of(el);
  std::string line = line_before_cursor(el);
  auto options = s->backend->completions(line);
  if (options.empty()) return CC_REFRESH_BEEP;
  std::size_t start = line.find_last_of(" \t");
  std::string partial = start == std::string::npos ? line : line.substr(start + 1);
  if (options.size() == 1) {
    std::string rest = options[0].substr(std::min(partial.size(), options[0].size())) + " ";
    el_insertstr(el, rest.c_str());
    return CC_REFRESH;
  }
  std::string common = options[0];
  for (const auto& o : options) {
    std::size_t i = 0;
    while (i < common.size() && i < o.size() && common[i] == o[i]) ++i;
    common.resize(i);
  }
  if (common.size() > partial.size()) {
    el_insertstr(el, common.substr(partial.size()).c_str());
    return CC_REFRESH;
  }
  std::string list = "\n";
  for (const auto& o : options) list += o + "  ";
  list += "\n";
  std::fputs(list.c_str(), stdout);
  std::fflush(stdout);
  return CC_REDISPLAY;
}

}  // namespace

void run_interactive(ConsoleBackend& backend) {
  State state;
  state.backend = &backend;
  EditLine* el = el_init("gatewatch", stdin, stdout, stderr);
  History* hist = history_init();
  HistEvent ev;
  history(hist, &ev, H_SETSIZE, 500);
  history(hist, &ev, H_SETUNIQUE, 1);
  el_set(el, EL_CLIENTDATA, &state);
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, prompt_fn);
  el_set(el, EL_HIST, history, hist);
  el_set(el, EL_SIGNAL, 1);
  el_set(el, EL_ADDFN, "ios-help", "IOS context help", help_fn);
  el_set(el, EL_BIND, "?", "ios-help", nullptr);
  el_set(el, EL_ADDFN, "ios-complete", "Complete the keyword", complete_fn);
  el_set(el, EL_BIND, "^I", "ios-complete", nullptr);
  // Ctrl-Z ends configuration mode, as on IOS (the console understands a trailing ^Z).
  while (true) {
    state.prompt = backend.prompt();
    int count = 0;
    const char* raw = el_gets(el, &count);
    if (!raw) {
      std::fputs("\n", stdout);
      break;
    }
    std::string line(raw, static_cast<std::size_t>(count));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) history(hist, &ev, H_ENTER, line.c_str());
    bool quit = false;
    std::string out = backend.execute(line, quit);
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
    if (quit) break;
  }
  history_end(hist);
  el_end(el);
}

}  // namespace gw::app
