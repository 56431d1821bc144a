// `gatewatch cli [--control SOCK]`: the IOS console against the running daemon over its
// control socket — interactive with libedit on a terminal, a transcript (as `gatewatch shell`
// prints it) on a pipe. Exit 0 at EOF or `exit`; 3 when the daemon cannot be reached or the
// connection is lost (with a message on stderr).
#pragma once
#include <string>

namespace gw::app {

// $GATEWATCH_CONTROL, else /run/gatewatch/control.sock.
std::string default_control_socket();

int run_cli(const std::string& socket_path);

}  // namespace gw::app
