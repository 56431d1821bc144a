#include "ops/live_console.hpp"

#include <optional>

#include "config/editor.hpp"
#include "keepalive/settings.hpp"
#include "render/show.hpp"
#include "render/show_dial_peer.hpp"

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

LiveConsole::LiveConsole(LiveContext& ctx) : context_(ctx) {
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
                        return cli::Outcome::print(
                            render_show_dial_peer_voice_summary(c->live_snapshot()));
                      }));
  exec.push_back(show(
      "show voice class sip-options-keepalive " +
          config::range_token(keepalive::options_keepalive::kProfileTag) + "$tag",
      {kShow, "Voice configuration", "Voice class", "SIP options-keepalive profile", "Profile tag"},
      [c](const cli::Args& a) {
        return cli::Outcome::print(render_show_voice_class_sip_options_keepalive(
            c->live_snapshot(), static_cast<int>(a.number("tag"))));
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
  exec.push_back(
      show("write memory",
           {"Write running configuration to memory, network, or terminal", "Write to NV memory"},
           [c](const cli::Args&) {
             auto st = c->save();
             if (!st) return cli::Outcome::fail(st.error().message);
             return cli::Outcome::print("Building configuration...\n[OK]\n");
           }));
  session_ = std::make_unique<config::Session>(ctx.live_config(), std::move(exec));
  generation_ = ctx.config_generation();
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
  return resp;
}

}  // namespace gw::daemon
