// The IOS console behaviour, exercised through the real gatewatch command tables.
#include <gtest/gtest.h>

#include "config/session.hpp"

namespace gw::config {
namespace {

struct ConsoleTest : ::testing::Test {
  Session s;
  cli::LineResult run(std::string_view line) { return s.console().execute(line); }
};

TEST_F(ConsoleTest, PromptsFollowTheModes) {
  EXPECT_EQ(s.console().prompt(), "gatewatch#");
  run("conf t");
  EXPECT_EQ(s.console().prompt(), "gatewatch(config)#");
  run("sip-ua");
  EXPECT_EQ(s.console().prompt(), "gatewatch(config-sip-ua)#");
  run("exit");
  EXPECT_EQ(s.console().prompt(), "gatewatch(config)#");
  run("voice-port 0/0/1");
  EXPECT_EQ(s.console().prompt(), "gatewatch(config-voiceport)#");
  run("end");
  EXPECT_EQ(s.console().prompt(), "gatewatch#");
}

TEST_F(ConsoleTest, HostnameChangesThePrompt) {
  run("configure terminal");
  run("hostname vgw1");
  EXPECT_EQ(s.console().prompt(), "vgw1(config)#");
}

TEST_F(ConsoleTest, GlobalCommandInSubModeRunsGloballyAndLeavesIt) {
  run("conf t");
  run("sccp ccm group 1");
  auto r = run("sip-ua");
  EXPECT_FALSE(r.error);
  EXPECT_EQ(s.console().mode(), kSipUa);
  run("hostname gw2");
  EXPECT_EQ(s.console().mode(), kGlobal);
  EXPECT_EQ(s.config().hostname, "gw2");
}

TEST_F(ConsoleTest, SubModeErrorIsReportedWhereItGotFurthest) {
  run("conf t");
  run("sccp ccm group 1");
  auto r = run("keepalive retries 33");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, cli::LineError::Kind::invalid);
  EXPECT_EQ(*r.error->caret, 18u);
  EXPECT_EQ(s.console().mode(), kCcmGroup) << "a failed line does not leave the sub-mode";
}

TEST_F(ConsoleTest, ErrorTextsAreIosTexts) {
  run("conf t");
  run("sip-ua");
  auto inc = run("keepalive trigger");
  ASSERT_TRUE(inc.error);
  EXPECT_EQ(inc.error->message, "% Incomplete command.");
  auto amb = run("keepalive t 3");
  ASSERT_TRUE(amb.error);
  EXPECT_EQ(amb.error->message, "% Ambiguous command:  \"keepalive t 3\"");
  auto inv = run("keepalive trigger 0");
  ASSERT_TRUE(inv.error);
  EXPECT_EQ(cli::format_console_error(*inv.error, 25),
            std::string(25 + 18, ' ') + "^\n% Invalid input detected at '^' marker.\n\n");
}

TEST_F(ConsoleTest, DoRunsExecCommandsWithoutLeavingTheMode) {
  run("conf t");
  run("sip-ua");
  auto r = run("do show running-config");
  EXPECT_NE(r.output.find("Building configuration..."), std::string::npos);
  EXPECT_EQ(s.console().mode(), kSipUa);
}

TEST_F(ConsoleTest, CtrlZEndsConfiguration) {
  run("conf t");
  run("sip-ua");
  run("keepalive trigger 4\x1a");
  EXPECT_EQ(s.console().mode(), kExec);
  EXPECT_EQ(s.config().sip_ua.keepalive_trigger, 4);
}

TEST_F(ConsoleTest, ExitInExecQuits) {
  EXPECT_TRUE(run("exit").quit);
}

TEST_F(ConsoleTest, CommentsAndBlankLinesDoNothing) {
  run("conf t");
  EXPECT_FALSE(run("! a comment").error);
  EXPECT_FALSE(run("   ").error);
  EXPECT_FALSE(run("").error);
}

TEST_F(ConsoleTest, HelpInSubModeIncludesGlobalCommands) {
  run("conf t");
  run("sip-ua");
  auto h = s.console().help("");
  EXPECT_NE(h.output.find("  keepalive"), std::string::npos);
  EXPECT_NE(h.output.find("  hostname"), std::string::npos);
  auto p = s.console().help("ret");
  EXPECT_EQ(p.output, "retry  \n\n");
}

TEST_F(ConsoleTest, HelpShowsRangesAndCr) {
  run("conf t");
  run("sip-ua");
  auto h = s.console().help("keepalive trigger ");
  EXPECT_EQ(h.output, "  <1-10>  Trigger count\n\n");
  auto cr = s.console().help("keepalive trigger 3 ");
  EXPECT_EQ(cr.output, "  <cr>\n\n");
}

TEST_F(ConsoleTest, OverlongLineIsRefusedWhole) {
  run("conf t");
  std::string line = "hostname " + std::string(70000, 'a');
  auto r = run(line);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, cli::LineError::Kind::too_long);
  EXPECT_EQ(s.config().hostname, "gatewatch");
}

}  // namespace
}  // namespace gw::config
