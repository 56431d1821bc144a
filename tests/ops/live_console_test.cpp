#include "ops/live_console.hpp"

#include <gtest/gtest.h>

#include "config/loader.hpp"

namespace gw::daemon {
namespace {

// In-memory LiveContext: records applies and saves.
class FakeContext final : public LiveContext {
 public:
  config::Config live;
  int applies = 0;
  int saves = 0;
  std::uint64_t generation = 0;
  const config::Config& live_config() const override { return live; }
  std::uint64_t config_generation() const override { return generation; }
  void apply(const config::Config& next) override {
    live = next;
    ++applies;
    ++generation;
  }
  DaemonSnapshot live_snapshot() const override {
    DaemonSnapshot s;
    VoicePortSnapshot v;
    v.port = "0/0/1";
    v.monitor_keepalive = true;
    v.busy = true;
    v.why = "keepalive";
    s.voice_ports.push_back(v);
    return s;
  }
  std::string statistics() const override { return "STATS\n"; }
  Status<> save() override {
    ++saves;
    return Ok{};
  }
  DebugHub hub;
  DebugHub* debug_hub() override { return &hub; }
};

struct Monitor : DebugSubscriber {
  std::string got;
  void debug_text(std::string_view t) override { got += t; }
};

ControlResponse run(LiveConsole& c, ControlRequest::Verb v, const std::string& line) {
  return c.handle(ControlRequest{v, line});
}
constexpr auto kExec = ControlRequest::Verb::execute;

TEST(LiveConsole, EachClientHasItsOwnModeOverOneConfig) {
  FakeContext ctx;
  LiveConsole a(ctx), b(ctx);
  EXPECT_EQ(run(a, kExec, "configure terminal").prompt, "gatewatch(config)#");
  EXPECT_EQ(run(b, ControlRequest::Verb::prompt, "").prompt, "gatewatch#");
  run(a, kExec, "hostname gw-live");
  EXPECT_EQ(ctx.applies, 1);
  EXPECT_EQ(ctx.live.hostname, "gw-live");
  EXPECT_EQ(run(b, ControlRequest::Verb::prompt, "").prompt, "gw-live#");
  EXPECT_NE(run(b, kExec, "show running-config").output.find("hostname gw-live"),
            std::string::npos);
}

TEST(LiveConsole, AReplacedLiveConfigReachesAnIdleClientAndExecLinesApplyNothing) {
  FakeContext ctx;
  LiveConsole a(ctx);
  run(a, kExec, "show running-config");
  run(a, kExec, "configure terminal");
  run(a, kExec, "end");
  EXPECT_EQ(ctx.applies, 0);
  ctx.live.hostname = "reloaded";  // what a SIGHUP reload does: a new live config
  ++ctx.generation;
  EXPECT_EQ(run(a, ControlRequest::Verb::prompt, "").prompt, "reloaded#");
  EXPECT_NE(run(a, kExec, "show running-config").output.find("hostname reloaded"),
            std::string::npos);
  EXPECT_EQ(ctx.applies, 0);
}

TEST(LiveConsole, RejectedLineAppliesNothing) {
  FakeContext ctx;
  LiveConsole a(ctx);
  run(a, kExec, "configure terminal");
  run(a, kExec, "sip-ua");  // creates the sip-ua block: one change
  const int before = ctx.applies;
  const config::Config kept = ctx.live;
  auto r = run(a, kExec, "keepalive target ipv4:999.1.1.1");
  EXPECT_NE(r.output.find("%"), std::string::npos);
  EXPECT_EQ(ctx.applies, before);
  EXPECT_EQ(ctx.live, kept);
  run(a, kExec, "keepalive target ipv4:127.0.0.1:5060");
  EXPECT_EQ(ctx.applies, before + 1);
  ASSERT_TRUE(ctx.live.sip_ua.primary);
}

TEST(LiveConsole, ShowsRenderLiveState) {
  FakeContext ctx;
  LiveConsole a(ctx);
  EXPECT_NE(run(a, kExec, "show voice port summary").output.find("0/0/1"), std::string::npos);
  EXPECT_EQ(run(a, kExec, "show gatewatch statistics").output, "STATS\n");
  EXPECT_EQ(run(a, kExec, "write memory").output, "Building configuration...\n[OK]\n");
  EXPECT_EQ(ctx.saves, 1);
}

TEST(LiveConsole, HelpAndCompletions) {
  FakeContext ctx;
  LiveConsole a(ctx);
  EXPECT_NE(run(a, ControlRequest::Verb::help, "show ").output.find("sip-ua"), std::string::npos);
  auto c = run(a, ControlRequest::Verb::complete, "show sc").completions;
  EXPECT_EQ(c, std::vector<std::string>{"sccp"});
}

TEST(LiveConsole, ExitQuits) {
  FakeContext ctx;
  LiveConsole a(ctx);
  EXPECT_TRUE(run(a, kExec, "exit").quit);
}

TEST(LiveConsole, DebugGoesToTheSessionsWithTerminalMonitor) {
  FakeContext ctx;
  Monitor ma, mb;
  LiveConsole a(ctx, &ma), b(ctx, &mb);
  EXPECT_EQ(run(a, kExec, "terminal monitor").output, "");
  EXPECT_EQ(run(b, kExec, "debug ccsip messages address 192.0.2.1").output,
            "SIP Call messages tracing is enabled\n"
            "% Debug output goes to sessions with terminal monitor.\n");
  EXPECT_TRUE(ctx.hub.on(DebugFlag::ccsip_messages));
  EXPECT_TRUE(ctx.hub.sip_wanted("192.0.2.1", "192.0.2.1:5060", "192.0.2.1:5060"));
  EXPECT_FALSE(ctx.hub.sip_wanted("192.0.2.2", "192.0.2.2:5060", "192.0.2.2:5060"));
  ctx.hub.emit("line\n");
  EXPECT_EQ(ma.got, "line\n");
  EXPECT_EQ(mb.got, "");
  EXPECT_NE(run(b, kExec, "show debugging").output.find("tracing is enabled (address 192.0.2.1)"),
            std::string::npos);
  EXPECT_EQ(run(b, kExec, "undebug all").output, "All possible debugging has been turned off\n");
  EXPECT_FALSE(ctx.hub.on(DebugFlag::ccsip_messages));
  run(a, kExec, "debug sccp keepalive");
  run(a, kExec, "no debug all");
  EXPECT_EQ(ctx.hub.flags(), 0u);
  run(a, kExec, "terminal no monitor");
  run(a, kExec, "debug sccp events");
  EXPECT_FALSE(ctx.hub.on(DebugFlag::sccp_events));  // nobody monitors
}

TEST(LiveConsole, AClosedSessionLeavesTheDebugHub) {
  FakeContext ctx;
  Monitor m;
  {
    LiveConsole a(ctx, &m);
    run(a, kExec, "terminal monitor");
    EXPECT_TRUE(ctx.hub.monitoring(&m));
  }
  EXPECT_FALSE(ctx.hub.monitoring(&m));
}

TEST(LiveConsole, ShowsStreamThroughOutputModifiers) {
  FakeContext ctx;
  LiveConsole a(ctx);
  run(a, kExec, "configure terminal");
  run(a, kExec, "hostname gw-filter");
  run(a, kExec, "end");
  EXPECT_EQ(run(a, kExec, "show running-config | include ^hostname").output,
            "hostname gw-filter\n");
  EXPECT_EQ(run(a, kExec, "show voice port summary | count 0/0/1").output,
            "Number of lines which match regexp = 1\n");
}

}  // namespace
}  // namespace gw::daemon
