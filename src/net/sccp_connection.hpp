// SccpGroupConnection: runs one pure sccp::GroupManager (an `sccp ccm group`) on the wire.
//
// Contract:
// - Executes the manager's actions: Open → a TCP connection to the CCM (an IP literal is used
//   as is; a DNS name goes through the Resolver, AAAA/A with the CCM's port, first answer);
//   the connect must complete within `connect_timeout`. Send → bytes queued on that
//   connection. Close → the connection is dropped (closing a connection that is gone is a
//   no-op).
// - Feeds the wire back: connect ok → on_connected; refused, timeout or a failed lookup →
//   on_connect_failed; EOF, reset or any error on an open connection → on_closed; received
//   bytes → on_bytes (the session's framer bounds them). Each Open starts a new generation;
//   input from an older connection of the same CCM is dropped and counted (stale_input).
// - Drives the manager's deadline() with one asio steady_timer; never blocks.
// - After each input the manager's events are handed to `on_events` (never empty, in order).
//   on_events may call snapshot() but must not destroy this object.
// - stop(): cancels the timer and closes every connection at once (no Unregister); no
//   callback and no event after it. Idempotent.
// - shutdown(done): the orderly end (sccp::GroupManager::shutdown): registered devices send
//   Unregister and wait for UnregisterAck; once every connection is closed — or at the latest
//   `options.shutdown_timeout` after the call — it stop()s and calls `done` once. Events keep
//   coming until then. Not running: `done` at once. stop() during it drops `done`.
// - Not done: `bind interface` / `sccp local` do not bind the source address (the kernel
//   chooses it); interface_ipv4() gives the address for Register's ip field instead.
// - Single-threaded (the io_context's thread). io_context and resolver outlive this object.
#pragma once
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/liveness.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "live/debug_hub.hpp"
#include "net/resolver.hpp"
#include "net/stream_connection.hpp"
#include "sccp/group_manager.hpp"
#include "sccp/wire_counters.hpp"

namespace gw::net {

struct SccpConnectionOptions {
  Duration connect_timeout = seconds(3);
  Duration shutdown_timeout = seconds(1);  // bound of shutdown()'s wait for UnregisterAcks
  // `debug sccp keepalive`: each KeepAlive sent and each KeepAliveAck read. May be null.
  daemon::DebugHub* debug = nullptr;
};

class SccpGroupConnection {
 public:
  using EventsFn = std::function<void(std::vector<sccp::GroupEvent>)>;

  // resolver may be null: then a CCM given by DNS name fails to connect (counted).
  SccpGroupConnection(asio::io_context& io, sccp::GroupConfig config, SccpConnectionOptions options,
                      Resolver* resolver, EventsFn on_events);
  ~SccpGroupConnection();
  SccpGroupConnection(const SccpGroupConnection&) = delete;
  SccpGroupConnection& operator=(const SccpGroupConnection&) = delete;

  void start();
  void stop();
  void shutdown(std::function<void()> done);

  sccp::GroupSnapshot snapshot() const { return manager_.snapshot(); }
  const sccp::SccpWireCounters& counters() const { return counters_; }

 private:
  struct Link {
    std::shared_ptr<StreamConnection> conn;
    std::uint64_t generation = 0;
  };

  void pump();
  void execute(const sccp::GroupAction& action);
  void open(std::uint32_t ccm, const std::string& host, std::uint16_t port);
  void connect(std::uint32_t ccm, std::uint64_t generation, const asio::ip::tcp::endpoint& ep);
  void connect_failed(std::uint32_t ccm, std::uint64_t generation);
  void close_link(std::uint32_t ccm);
  bool current(std::uint32_t ccm, std::uint64_t generation);
  void arm_timer();
  void finish_shutdown();

  asio::io_context& io_;
  unsigned group_;  // for debug lines
  sccp::GroupManager manager_;
  void debug_keepalive(std::uint32_t ccm, std::string_view bytes, bool sent);
  SccpConnectionOptions options_;
  Resolver* resolver_;
  EventsFn on_events_;
  asio::steady_timer timer_;
  std::map<std::uint32_t, Link> links_;
  std::uint64_t next_generation_ = 1;
  sccp::SccpWireCounters counters_;
  bool running_ = false;
  std::function<void()> on_shut_;           // set while shutdown() waits
  std::optional<TimePoint> shut_deadline_;  // shutdown()'s bound
  Liveness alive_;
};

// IPv4 address of a Linux interface in network byte order (Register's ip field), or
// Error{"config"} when the interface does not exist or has no IPv4 address.
Result<std::uint32_t> interface_ipv4(const std::string& name);

}  // namespace gw::net
