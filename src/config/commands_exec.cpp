// EXEC commands every IOS engineer types around the keepalive ones: saving (`write`,
// `copy running-config startup-config`), `show startup-config`, `show version`, `show clock`,
// `show logging`, `clear ...`. Grammar is data; the work is in the host's hooks.
#include "config/exec_hooks.hpp"
#include "config/modes.hpp"

namespace gw::config {
namespace {

constexpr std::string_view kShow = "Show running system information";
constexpr std::string_view kSaved = "Building configuration...\n[OK]\n";
constexpr std::string_view kStartup = "startup-config";

cli::Outcome save_with(const std::function<Status<>()>& save) {
  auto st = save();
  if (!st) return cli::Outcome::fail(st.error().message);
  return cli::Outcome::print(std::string(kSaved));
}

}  // namespace

std::vector<cli::Command> exec_commands(const ExecHooks& h) {
  std::vector<cli::Command> out;
  if (h.save) {
    auto save = h.save;
    // `write` alone is `write memory`, as on IOS.
    out.push_back(
        {kExec,
         "write [memory]",
         {"Write running configuration to memory, network, or terminal", "Write to NV memory"},
         [save](const cli::Args&) { return save_with(save); }});
    out.push_back(
        {kExec,
         "copy running-config startup-config",
         {"Copy from one file to another", "Copy from current system configuration",
          "Copy to startup configuration"},
         [save](const cli::Args&) {
           return cli::Outcome::ask(
               "Destination filename [startup-config]? ", [save](std::string_view answer) {
                 while (!answer.empty() && (answer.front() == ' ' || answer.front() == '\t'))
                   answer.remove_prefix(1);
                 if (!answer.empty() && answer != kStartup)
                   return cli::Outcome::fail(
                       "% Only startup-config can be written (the "
                       "configuration file); nothing copied.");
                 return save_with(save);
               });
         }});
  }
  if (h.startup) {
    auto startup = h.startup;
    out.push_back({kExec,
                   "show startup-config",
                   {kShow, "Contents of startup configuration"},
                   [startup](const cli::Args&) {
                     auto text = startup();
                     if (!text) return cli::Outcome::fail(text.error().message);
                     if (!*text) return cli::Outcome::print("startup-config is not present\n");
                     return cli::Outcome::print("Using " + std::to_string((*text)->size()) +
                                                " bytes\n" + **text);
                   }});
  }
  auto show_text = [&out](std::string grammar, std::vector<std::string_view> help,
                          const std::function<std::string()>& fn) {
    if (!fn) return;
    out.push_back({kExec, std::move(grammar), std::move(help),
                   [fn](const cli::Args&) { return cli::Outcome::print(fn()); }});
  };
  show_text("show version", {kShow, "System hardware and software status"}, h.version);
  show_text("show clock", {kShow, "Display the system clock"}, h.clock);
  show_text("show logging", {kShow, "Show the contents of logging buffers"}, h.logging);
  for (const auto& c : h.clears) {
    std::vector<std::string_view> help{"Reset functions"};
    help.insert(help.end(), c.help.begin(), c.help.end());
    auto run = c.run;
    out.push_back({kExec, "clear " + c.grammar, std::move(help), [run](const cli::Args&) {
                     run();
                     return cli::Outcome::ok();
                   }});
  }
  return out;
}

}  // namespace gw::config
