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
  for (auto& c : extra_exec) cmds.push_back(std::move(c));
  auto table = cli::CommandTable::build(mode_specs(), std::move(cmds), keyword_help);
  // The tables are compiled-in data: a grammar that does not compile is a build defect that
  // the table tests catch; failing loudly here is the right response.
  if (!table) throw std::logic_error("command table: " + table.error().message);
  table_ = *table;
  console_ = std::make_unique<cli::Console>(table_, [this] { return config_->hostname; });
}

}  // namespace gw::config
