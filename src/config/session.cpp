#include "config/session.hpp"

#include <stdexcept>

#include "config/render.hpp"

namespace gw::config {

std::string show_running_config(const Config& cfg) {
  std::string body = render_running_config(cfg);
  return "Building configuration...\n\nCurrent configuration : " + std::to_string(body.size()) +
         " bytes\n" + body + "\n";
}

Session::Session(Config initial, std::vector<cli::Command> extra_exec)
    : config_(std::make_unique<Config>(std::move(initial))) {
  editor_.cfg = config_.get();
  std::vector<cli::Command> cmds = config_commands(editor_);
  cmds.push_back({kExec,
                  "configure terminal",
                  {"Enter configuration mode", "Configure from the terminal"},
                  [](const cli::Args&) { return cli::Outcome::enter(kGlobal, ""); }});
  cmds.push_back(
      {kExec,
       "show running-config",
       {"Show running system information", "Current operating configuration"},
       [this](const cli::Args&) { return cli::Outcome::print(show_running_config(*config_)); }});
  cmds.push_back({kExec, "exit", {"Exit from the EXEC"}, [](const cli::Args&) {
                    cli::Outcome o;
                    o.action = cli::Outcome::Action::quit;
                    return o;
                  }});
  // The session's terminal (`terminal length|width`, `show history`): per console.
  cmds.push_back({kExec,
                  "terminal length <0-512>$n",
                  {"Set terminal line parameters", "Set number of lines on a screen",
                   "Number of lines on screen (0 for no pausing)"},
                  [this](const cli::Args& a) {
                    console_->terminal().length = static_cast<unsigned>(a.number("n"));
                    return cli::Outcome::ok();
                  }});
  cmds.push_back({kExec,
                  "terminal width <0-512>$n",
                  {"Set terminal line parameters", "Set width of the display terminal",
                   "Number of characters on a screen"},
                  [this](const cli::Args& a) {
                    console_->terminal().width = static_cast<unsigned>(a.number("n"));
                    return cli::Outcome::ok();
                  }});
  cmds.push_back({kExec,
                  "show history",
                  {"Show running system information", "Display the session command history"},
                  [this](const cli::Args&) {
                    std::string out;
                    for (const auto& l : console_->history()) out += "  " + l + "\n";
                    return cli::Outcome::print(std::move(out));
                  }});
  for (auto& c : extra_exec) cmds.push_back(std::move(c));
  auto table = cli::CommandTable::build(mode_specs(), std::move(cmds), keyword_help);
  // The tables are compiled-in data: a grammar that does not compile is a build defect that
  // the table tests catch; failing loudly here is the right response.
  if (!table) throw std::logic_error("command table: " + table.error().message);
  table_ = *table;
  console_ = std::make_unique<cli::Console>(table_, [this] { return config_->hostname; });
}

}  // namespace gw::config
