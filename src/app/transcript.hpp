// The transcript mode of a console, used by `gatewatch shell` and `gatewatch cli` when stdin or
// stdout is not a terminal: for each line read from `fd` it prints the prompt, the line as read
// (a line over the bound cut to 80 characters and "..."), then the backend's answer, so carets
// line up as on a router. A line ending in `?` asks for help on what precedes it; a line over
// the bound is answered with the IOS "Line too long" error and not run. A trailing CR is
// dropped. Returns at end of input, when the backend says quit, or when backend.lost() is true
// after it was asked for the prompt (nothing more is printed then). Output is flushed per line.
#pragma once
#include <ostream>

#include "app/console_backend.hpp"

namespace gw::app {

void run_transcript(ConsoleBackend& backend, int fd, std::ostream& out);

}  // namespace gw::app
