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
//   statistics, write memory. Shows render the LiveContext's snapshot with show.hpp.
// - handle() never throws and answers every request; the LiveContext outlives the console.
// Single-threaded (the io_context's thread). No I/O of its own.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "config/model.hpp"
#include "config/session.hpp"
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
};

class LiveConsole {
 public:
  explicit LiveConsole(LiveContext& context);
  ControlResponse handle(const ControlRequest& request);

 private:
  LiveContext& context_;
  std::unique_ptr<config::Session> session_;
  std::uint64_t generation_;  // of the live configuration session_ holds a copy of
};

}  // namespace gw::daemon
