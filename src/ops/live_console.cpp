#include "ops/live_console.hpp"

#include <optional>

#include "config/editor.hpp"
#include "keepalive/settings.hpp"
#include "render/show.hpp"
#include "render/show_dial_peer.hpp"
#include "render/show_server_group.hpp"

namespace gw::daemon {
namespace {

// Help texts are string literals (Command::help holds views); "" falls back to keyword_help.
cli::Command show(std::string grammar, std::vector<std::string_view> help, cli::Handler handler) {
  return cli::Command{config::kExec, std::move(grammar), std::move(help), std::move(handler)};
}

std::string render_result(const cli::LineResult& r, std::size_t prompt_width) {
  std::string out = r.output;
  if (r.error) out += cli::format_console_error(*r.error, prompt_width);
  return out;
}

}  // namespace

LiveConsole::LiveConsole(LiveContext& ctx, DebugSubscriber* monitor)
    : context_(ctx), hub_(monitor ? ctx.debug_hub() : nullptr), monitor_(monitor) {
  LiveContext* c = &ctx;
  std::vector<cli::Command> exec;
  constexpr std::string_view kShow = "Show running system information";
  exec.push_back(show("show sip-ua keepalive", {kShow, "SIP User Agent", "SIP keepalive status"},
                      [c](const cli::Args&) {
                        return cli::Outcome::print(
                            render_show_sip_ua_keepalive(c->live_snapshot()));
                      }));
  exec.push_back(show("show voice port summary",
                      {kShow, "Voice configuration", "Voice port", "Summary of all voice ports"},
                      [c](const cli::Args&) {
                        return cli::Outcome::print(
                            render_show_voice_port_summary(c->live_snapshot()));
                      }));
  exec.push_back(show("show sccp", {kShow, "SCCP information"}, [c](const cli::Args&) {
    return cli::Outcome::print(render_show_sccp(c->live_snapshot()));
  }));
  exec.push_back(
      show("show sccp ccm group [<1-50>$group]",
           {kShow, "SCCP information", "CallManager information", "CCM group", "CCM group number"},
           [c](const cli::Args& a) {
             std::optional<int> g;
             if (a.has("group")) g = static_cast<int>(a.number("group"));
             return cli::Outcome::print(render_show_sccp_ccm_group(c->live_snapshot(), g));
           }));
  exec.push_back(show("show dial-peer voice summary",
                      {kShow, "Dial Plan Mapping Table for, e.g. VoIP Phones",
                       "Voice type dial peer", "Dial peer summary info"},
                      [c](const cli::Args&) {
                        // Streamed: `| include busyout` keeps only the lines that pass.
                        return cli::Outcome::streamed([c](const cli::Outcome::Emit& emit) {
                          render_show_dial_peer_voice_summary(c->live_snapshot(), emit);
                        });
                      }));
  exec.push_back(show(
      "show voice class sip-options-keepalive " +
          config::range_token(keepalive::options_keepalive::kProfileTag) + "$tag",
      {kShow, "Voice configuration", "Voice class", "SIP options-keepalive profile", "Profile tag"},
      [c](const cli::Args& a) {
        return cli::Outcome::print(render_show_voice_class_sip_options_keepalive(
            c->live_snapshot(), static_cast<int>(a.number("tag"))));
      }));
  exec.push_back(
      show("show voice class server-group <1-2147483647>$tag",
           {kShow, "Voice configuration", "Voice class", "Server group", "Server group tag"},
           [c](const cli::Args& a) {
             return cli::Outcome::print(
                 render_show_voice_class_server_group(c->live_snapshot(), a.number("tag")));
           }));
  exec.push_back(show("show kamailio",
                      {kShow, "Kamailio's dispatcher, driven by the keepalive verdicts"},
                      [c](const cli::Args&) {
                        return cli::Outcome::print(render_show_kamailio(c->live_snapshot()));
                      }));
  exec.push_back(show("show cluster",
                      {kShow, "Several gatewatch nodes sharing the keepalive through etcd"},
                      [c](const cli::Args&) {
                        return cli::Outcome::print(render_show_cluster(c->live_snapshot()));
                      }));
  exec.push_back(show("show gatewatch statistics",
                      {kShow, "gatewatch daemon", "Counters and uptime"},
                      [c](const cli::Args&) { return cli::Outcome::print(c->statistics()); }));
  for (auto& cmd : config::exec_commands(ctx.exec_hooks())) exec.push_back(std::move(cmd));
  if (hub_) add_debug_commands(exec);
  session_ = std::make_unique<config::Session>(ctx.live_config(), std::move(exec));
  generation_ = ctx.config_generation();
}

LiveConsole::~LiveConsole() {
  if (hub_) hub_->unsubscribe(monitor_);
}

void LiveConsole::add_debug_commands(std::vector<cli::Command>& exec) {
  DebugHub* hub = hub_;
  DebugSubscriber* self = monitor_;
  constexpr std::string_view kDebug = "Debugging functions (see also 'undebug')";
  exec.push_back(
      show("terminal monitor",
           {"Set terminal line parameters", "Copy debug output to the current terminal line"},
           [hub, self](const cli::Args&) {
             hub->subscribe(self);
             return cli::Outcome::ok();
           }));
  exec.push_back(show("terminal no monitor",
                      {"Set terminal line parameters", "Negate a command or set its defaults",
                       "Copy debug output to the current terminal line"},
                      [hub, self](const cli::Args&) {
                        hub->unsubscribe(self);
                        return cli::Outcome::ok();
                      }));
  // IOS prints what it turned on; without `terminal monitor` nothing of it reaches this session.
  auto on = [hub, self](DebugFlag f, std::string text) {
    hub->set(f, true);
    if (!hub->monitoring(self)) text += "% Debug output goes to sessions with terminal monitor.\n";
    return cli::Outcome::print(std::move(text));
  };
  exec.push_back(show("debug ccsip messages [address WORD$address]",
                      {kDebug, "Call Control SIP", "SIP Call messages tracing",
                       "Only the messages of one target", "Host, host:port or IP address"},
                      [hub, on](const cli::Args& a) {
                        hub->set_sip_filter(std::string(a.get("address")));
                        return on(DebugFlag::ccsip_messages,
                                  "SIP Call messages tracing is enabled\n");
                      }));
  exec.push_back(show("debug sccp keepalive",
                      {kDebug, "Skinny Client Control Protocol", "SCCP KeepAlive and KeepAliveAck"},
                      [on](const cli::Args&) {
                        return on(DebugFlag::sccp_keepalive, "SCCP keepalive debugging is on\n");
                      }));
  exec.push_back(show(
      "debug sccp events",
      {kDebug, "Skinny Client Control Protocol", "Registration, connection and switchover events"},
      [on](const cli::Args&) {
        return on(DebugFlag::sccp_events, "SCCP events debugging is on\n");
      }));
  struct Off {
    const char* grammar;
    DebugFlag flag;
    const char* text;
    std::string_view help1, help2;  // of the two words after `debug`
  };
  constexpr std::string_view kSip = "Call Control SIP", kSccp = "Skinny Client Control Protocol";
  for (const Off& o :
       {Off{"ccsip messages", DebugFlag::ccsip_messages, "SIP Call messages tracing is disabled\n",
            kSip, "SIP Call messages tracing"},
        Off{"sccp keepalive", DebugFlag::sccp_keepalive, "SCCP keepalive debugging is off\n", kSccp,
            "SCCP KeepAlive and KeepAliveAck"},
        Off{"sccp events", DebugFlag::sccp_events, "SCCP events debugging is off\n", kSccp,
            "Registration, connection and switchover events"}}) {
    for (const char* prefix : {"undebug ", "no debug "}) {
      std::vector<std::string_view> help;
      if (prefix[0] == 'u')
        help = {"Disable debugging functions (see also 'debug')", o.help1, o.help2};
      else
        help = {"Negate a command or set its defaults", kDebug, o.help1, o.help2};
      exec.push_back(show(prefix + std::string(o.grammar), help, [hub, o](const cli::Args&) {
        hub->set(o.flag, false);
        return cli::Outcome::print(o.text);
      }));
    }
  }
  auto all_off = [hub](const cli::Args&) {
    hub->clear_all();
    return cli::Outcome::print("All possible debugging has been turned off\n");
  };
  exec.push_back(show("undebug all",
                      {"Disable debugging functions (see also 'debug')", "Disable all debugging"},
                      all_off));
  exec.push_back(show("no debug all",
                      {"Negate a command or set its defaults", kDebug, "Disable all debugging"},
                      all_off));
  exec.push_back(show("show debugging",
                      {"Show running system information", "State of each debugging option"},
                      [hub](const cli::Args&) { return cli::Outcome::print(hub->render()); }));
}

ControlResponse LiveConsole::handle(const ControlRequest& req) {
  ControlResponse resp;
  if (generation_ != context_.config_generation()) {  // another client, a reload
    session_->config() = context_.live_config();
    generation_ = context_.config_generation();
  }
  cli::Console& console = session_->console();
  const std::size_t width = console.prompt().size();
  switch (req.verb) {
    case ControlRequest::Verb::prompt:
      break;
    case ControlRequest::Verb::execute: {
      // EXEC commands (show, write memory, configure terminal) never change the configuration:
      // only a line run in a configuration mode needs the comparison.
      const bool configuring = console.mode() != cli::kExecMode;
      cli::LineResult r = console.execute(req.line);
      resp.output = render_result(r, width);
      resp.quit = r.quit;
      if (configuring && !(session_->config() == context_.live_config())) {
        context_.apply(session_->config());
        generation_ = context_.config_generation();  // session_ holds what is live now
      }
      break;
    }
    case ControlRequest::Verb::help:
      resp.output = render_result(console.help(req.line), width);
      break;
    case ControlRequest::Verb::complete:
      resp.completions = console.completions(req.line);
      break;
  }
  resp.prompt = console.prompt();
  resp.length = console.terminal().length;
  resp.width = console.terminal().width;
  return resp;
}

}  // namespace gw::daemon
