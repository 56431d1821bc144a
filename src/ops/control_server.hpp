// ControlServer: the daemon's control socket (`gatewatch run --control SOCK`), a Unix stream
// socket serving control_protocol.hpp, one LiveConsole per client.
//
// Contract:
// - bind() creates the socket with mode 0600 (umask held during bind, so it is never more
//   open), or 0660 and group `group` when a control group is given. An existing socket that
//   answers is "in use" (Error{"bind"}); a stale one (nobody listening) is replaced.
// - start() accepts; each connection's SO_PEERCRED is checked against control_peer.hpp's
//   policy: a refused peer gets one {"ok":false} line and is closed.
// - Everything runs on the io_context's thread with async reads and writes: a slow, silent,
//   garbage-sending or vanishing client never blocks the daemon. Per client at most
//   kMaxRequestLine of unfinished request and kMaxPendingOutput of unsent responses (then the
//   client is dropped); at most kMaxClients at once (others are told so and closed).
// - stop() closes the acceptor and every client, unlinks the path; idempotent.
// The LiveContext and Logger outlive the server.
#pragma once
#include <sys/types.h>

#include <asio/io_context.hpp>
#include <asio/local/stream_protocol.hpp>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "ops/control_peer.hpp"
#include "ops/live_console.hpp"
#include "ops/logger.hpp"
#include "report/control_counters.hpp"

namespace gw::daemon {

// 1 MiB: several full running-configs; a client that does not read that much is stuck.
inline constexpr std::size_t kMaxPendingOutput = 1024 * 1024;
// Debug output (`terminal monitor`) is pushed as {"monitor":"text"} lines, at most
// kDebugPerSecond messages a second (burst kDebugBurst) and only while the client's unsent
// output is under kMaxDebugPending: a slow or stalled client loses debug messages (counted,
// and said in the next one it gets) and never holds the io thread or its memory.
inline constexpr std::size_t kMaxDebugPending = 256 * 1024;
inline constexpr double kDebugPerSecond = 200;
inline constexpr double kDebugBurst = 400;
// Operators, scripts and a monitoring probe or two; more means something is looping.
inline constexpr std::size_t kMaxClients = 32;

class ControlServer {
 public:
  struct Options {
    std::string path;
    std::optional<gid_t> group;
  };
  static Result<std::unique_ptr<ControlServer>> bind(asio::io_context& io, const Options& options,
                                                     LiveContext& context, const Logger& logger);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  void start();
  void stop();
  ControlCounters counters() const;

  class Client;

 private:
  ControlServer(asio::io_context& io, Options options, LiveContext& context, const Logger& logger);
  void accept();
  void remove(Client* client);

  Options options_;
  LiveContext& context_;
  const Logger& logger_;
  PeerPolicy policy_;
  asio::local::stream_protocol::acceptor acceptor_;
  std::list<std::shared_ptr<Client>> clients_;
  ControlCounters counters_;
  bool stopped_ = false;
};

// Resolves a group name for --control-group; nullopt when unknown.
std::optional<gid_t> lookup_group(const std::string& name);

}  // namespace gw::daemon
