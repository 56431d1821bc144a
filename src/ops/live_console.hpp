// LiveConsole: one control-socket client's IOS console against the running daemon. Each
// client has its own mode stack (its own config::Session) over the ONE live configuration that
// the LiveContext holds.
//
// Contract:
// - Before each line the session's Config is refreshed from the live one; after an `execute`
//   that changed it, the whole new Config is handed to LiveContext::apply() (each accepted
//   configuration command is applied atomically: a rejected line changes nothing).
// - EXEC commands against live state: show running-config (the live config), show sip-ua
//   keepalive, show voice port summary, show sccp, show sccp ccm group [N], show gatewatch
//   statistics, and the shared EXEC commands of LiveContext::exec_hooks() (write, copy
//   running-config startup-config, show startup-config/version/clock/logging, clear), and with
//   a DebugHub the IOS debug commands (terminal [no] monitor, debug ccsip messages [address X],
//   debug sccp keepalive|events, undebug all, no debug all, show debugging). Shows render
//   the LiveContext's snapshot with show.hpp.
// - handle() never throws and answers every request; the LiveContext outlives the console.
// Single-threaded (the io_context's thread). No I/O of its own.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "config/exec_hooks.hpp"
#include "config/model.hpp"
#include "config/session.hpp"
#include "live/debug_hub.hpp"
#include "ops/control_protocol.hpp"
#include "report/snapshot.hpp"

namespace gw::daemon {

class LiveContext {
 public:
  virtual ~LiveContext() = default;
  virtual const config::Config& live_config() const = 0;
  // Changes whenever the live configuration is replaced (apply, reload): a console copies the
  // live configuration only when it changed (a copy per request would delay the probes when
  // the configuration is large).
  virtual std::uint64_t config_generation() const = 0;
  // Makes `next` the live configuration and restarts what changed (config_diff.hpp).
  virtual void apply(const config::Config& next) = 0;
  virtual DaemonSnapshot live_snapshot() const = 0;
  virtual std::string statistics() const = 0;  // `show gatewatch statistics`
  // `write memory`: saves the live configuration to the -c file. Error message is IOS text.
  virtual Status<> save() = 0;
  // The shared EXEC commands' hooks (config/exec_hooks.hpp): startup-config, version, clock,
  // logging, clear. By default only saving (`write`, `copy running-config startup-config`).
  virtual config::ExecHooks exec_hooks() {
    config::ExecHooks h;
    h.save = [this] { return save(); };
    return h;
  }
  // The daemon's debug flags and monitors (`debug ...`, `terminal monitor`); null: no debug.
  virtual DebugHub* debug_hub() { return nullptr; }
};

class LiveConsole {
 public:
  // `monitor`: where this session's debug output goes once `terminal monitor` is on (the
  // control client); null: the session has no debug commands.
  explicit LiveConsole(LiveContext& context, DebugSubscriber* monitor = nullptr);
  ~LiveConsole();
  LiveConsole(const LiveConsole&) = delete;
  LiveConsole& operator=(const LiveConsole&) = delete;
  ControlResponse handle(const ControlRequest& request);

 private:
  void add_debug_commands(std::vector<cli::Command>& exec);  // live_console.cpp

  LiveContext& context_;
  DebugHub* hub_ = nullptr;
  DebugSubscriber* monitor_ = nullptr;
  std::unique_ptr<config::Session> session_;
  std::uint64_t generation_;  // of the live configuration session_ holds a copy of
};

}  // namespace gw::daemon
