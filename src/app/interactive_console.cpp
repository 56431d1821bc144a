// libedit front end of the IOS console (see console_backend.hpp).
#include <histedit.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "app/console_backend.hpp"
#include "cli/pager.hpp"

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

// One key, unbuffered and unechoed, for --More--.
cli::Pager::Key read_more_key() {
  termios saved{};
  const bool tty = ::tcgetattr(0, &saved) == 0;
  if (tty) {
    termios raw = saved;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    ::tcsetattr(0, TCSANOW, &raw);
  }
  char c = 0;
  const ssize_t n = ::read(0, &c, 1);
  if (tty) ::tcsetattr(0, TCSANOW, &saved);
  if (n != 1) return cli::Pager::Key::stop;
  if (c == ' ') return cli::Pager::Key::space;
  if (c == '\r' || c == '\n') return cli::Pager::Key::enter;
  return cli::Pager::Key::stop;  // q, Ctrl-C, anything else ends the output (IOS)
}

// Prints a command's output, a page at a time when it is longer than `terminal length`.
void print_paged(const std::string& out, unsigned length, unsigned width) {
  cli::Pager pager(out, length, width);
  auto page = pager.first();
  std::fwrite(page.data(), 1, page.size(), stdout);
  while (!pager.done()) {
    std::fputs(cli::Pager::kPrompt.data(), stdout);
    std::fflush(stdout);
    const auto key = read_more_key();
    // Erase the prompt as IOS does (backspaces over it).
    const std::string erase(cli::Pager::kPrompt.size(), '\b');
    std::fputs((erase + std::string(cli::Pager::kPrompt.size(), ' ') + erase).c_str(), stdout);
    page = pager.next(key);
    std::fwrite(page.data(), 1, page.size(), stdout);
  }
  std::fflush(stdout);
}

// Reads a key for libedit; while waiting, prints debug output that arrives (as a router's
// console does, above the line being typed, which is then shown again).
int getc_with_monitor(EditLine* el, wchar_t* out) {
  State* s = state_of(el);
  while (true) {
    pollfd fds[2] = {{0, POLLIN, 0}, {s->backend->async_fd(), POLLIN, 0}};
    const int n = ::poll(fds, fds[1].fd >= 0 ? 2 : 1, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (fds[1].fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
      std::string text = s->backend->take_async();
      if (!text.empty()) {
        std::fputs(("\r\n" + text).c_str(), stdout);
        std::fflush(stdout);
        el_set(el, EL_REFRESH);
      }
      if (s->backend->async_fd() < 0 && !(fds[0].revents & POLLIN)) continue;
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char c = 0;
      const ssize_t r = ::read(0, &c, 1);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return 0;
      *out = static_cast<unsigned char>(c);
      return 1;
    }
  }
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
  if (backend.async_fd() >= 0) el_set(el, EL_GETCFN, getc_with_monitor);
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
    print_paged(out, backend.page_length(), backend.page_width());
    std::fflush(stdout);
    if (quit) break;
  }
  history_end(hist);
  el_end(el);
}

}  // namespace gw::app
