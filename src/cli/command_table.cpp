#include "cli/command_table.hpp"

namespace gw::cli {

bool is_filterable_grammar(std::string_view grammar) {
  return grammar == "show" || grammar.starts_with("show ");
}

Result<std::shared_ptr<const CommandTable>> CommandTable::build(std::vector<ModeSpec> modes,
                                                                std::vector<Command> commands,
                                                                const HelpFallback& fallback) {
  auto table = std::make_shared<CommandTable>();
  ModeId max_id = 0;
  for (const auto& m : modes) max_id = std::max(max_id, m.id);
  table->modes_.resize(max_id + 1);
  table->by_mode_.resize(max_id + 1);
  for (auto& m : modes) table->modes_[m.id] = m;

  for (const auto& m : modes) {
    if (!m.config) continue;
    commands.push_back({m.id, "exit", {"Exit from the current mode"}, [](const Args&) {
                          Outcome o;
                          o.action = Outcome::Action::exit;
                          return o;
                        }});
    commands.push_back({m.id, "end", {"Exit from configure mode"}, [](const Args&) {
                          Outcome o;
                          o.action = Outcome::Action::end;
                          return o;
                        }});
    commands.push_back({m.id,
                        "do LINE$line",
                        {"To run exec commands in config mode", "Exec Command"},
                        [](const Args& a) {
                          Outcome o;
                          o.action = Outcome::Action::exec_line;
                          o.enter_key = std::string(a.get("line"));
                          return o;
                        }});
  }
  for (auto& c : commands) {
    if (!table->has_mode(c.mode)) return fail("table", "unknown mode for \"" + c.grammar + "\"");
    auto g = compile_grammar(c.grammar, c.help, fallback);
    if (!g) return Unexpected<Error>{g.error()};
    const bool filterable = is_filterable_grammar(c.grammar);
    table->by_mode_[c.mode].push_back(
        CompiledCommand{std::move(*g), std::move(c.run), c.grammar, filterable});
  }
  return std::shared_ptr<const CommandTable>(std::move(table));
}

}  // namespace gw::cli
