// All commands of all modes, compiled once. Built from plain Command records; the built-in
// `exit`, `end` and `do LINE` are added to every configuration mode.
// Contract: build() fails (naming the grammar) if any grammar does not compile or a command
// names an unknown mode. The table is immutable after build and may be shared read-only.
#pragma once
#include <memory>
#include <vector>

#include "cli/command.hpp"

namespace gw::cli {

struct CompiledCommand {
  Grammar grammar;
  Handler run;
  std::string source;  // the grammar text, for diagnostics
  // Accepts output modifiers (`| include ...`): every command whose grammar starts with `show`,
  // as on IOS. Set by CommandTable::build.
  bool filterable = false;
};

class CommandTable {
 public:
  static Result<std::shared_ptr<const CommandTable>> build(std::vector<ModeSpec> modes,
                                                           std::vector<Command> commands,
                                                           const HelpFallback& fallback);

  const std::vector<CompiledCommand>& commands_in(ModeId mode) const { return by_mode_.at(mode); }
  const ModeSpec& mode(ModeId id) const { return modes_.at(id); }
  bool has_mode(ModeId id) const { return id < modes_.size() && modes_[id].id == id; }
  std::size_t mode_count() const { return modes_.size(); }

 private:
  std::vector<ModeSpec> modes_;                        // indexed by id
  std::vector<std::vector<CompiledCommand>> by_mode_;  // indexed by mode id
};

// True when a grammar accepts output modifiers (it starts with the keyword `show`).
bool is_filterable_grammar(std::string_view grammar);

// Every table has these two modes: privileged EXEC and global configuration.
inline constexpr ModeId kExecMode = 0;
inline constexpr ModeId kConfigMode = 1;

}  // namespace gw::cli
