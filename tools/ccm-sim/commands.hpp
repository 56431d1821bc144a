// Command input for the simulator: stdin and an optional Unix control socket, one command per
// line, each answered with Simulator::command()'s reply. Commands:
//   silent N | ack N        stop / resume acking KeepAlives on CCM N
//   close N                 close CCM N's connections
//   refuse N | accept N     close the listener (connections refused) / listen again
//   reject N | register N   answer Register with RegisterReject / with RegisterAck again
//   reset N [TYPE]          send Reset (1 reset, 2 restart) on CCM N's connections
//   status                  one line per CCM, then ok
//   quit                    exit 0
#pragma once
#include <asio.hpp>
#include <memory>
#include <string>

#include "simulator.hpp"

namespace ccmsim {

// Reads commands from stdin until EOF (a non-pollable stdin, e.g. /dev/null, is ignored).
void read_stdin(asio::io_context& io, Simulator& sim);
// Serves commands on a Unix stream socket at path (replaces a stale socket file).
bool serve_control(asio::io_context& io, Simulator& sim, const std::string& path,
                   std::string& error);

}  // namespace ccmsim
