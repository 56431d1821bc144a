// SCCP wording: the events of design.md and the IOS-style log lines, exactly.
#if defined(__GNUC__) && !defined(__clang__)  // g++ 12: false positive on variants of strings
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "report/sccp_wording.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

namespace ge = sccp::group_event;

TEST(SccpEvent, RegisteredReportsTheReceivedIntervalUnscaledElseTheConfiguredOne) {
  auto e = sccp_event(ge::Registered{1, 2, "CFB1", milliseconds(20), 7}, 30);
  EXPECT_EQ(format_event_line(e, WallClock::time_point{}),
            "{\"ts\":\"1970-01-01T00:00:00.000Z\",\"event\":\"sccp.ccm.registered\",\"group\":1,"
            "\"ccm\":2,\"device\":\"CFB1\",\"keepalive_interval\":7}\n");
  auto kept = sccp_event(ge::Registered{1, 2, "CFB1", milliseconds(300), 0}, 30);
  EXPECT_EQ(std::get<std::int64_t>(kept.fields.back().second), 30);
}

TEST(SccpEvent, DownCarriesTheReasonAndSwitchoverFromAndTo) {
  auto down = sccp_event(ge::Down{3, 1, sccp::DownReason::keepalive}, 30);
  EXPECT_EQ(down.name, "sccp.ccm.down");
  EXPECT_EQ(format_event_line(down, WallClock::time_point{}),
            "{\"ts\":\"1970-01-01T00:00:00.000Z\",\"event\":\"sccp.ccm.down\",\"group\":3,"
            "\"ccm\":1,\"reason\":\"keepalive\"}\n");
  auto over = sccp_event(ge::Switchover{3, 1, 2}, 30);
  EXPECT_EQ(format_event_line(over, WallClock::time_point{}),
            "{\"ts\":\"1970-01-01T00:00:00.000Z\",\"event\":\"sccp.switchover\",\"group\":3,"
            "\"ccm\":2,\"from\":1,\"to\":2}\n");
  EXPECT_EQ(sccp_event(ge::Switchback{3, 2, 1}, 30).name, "sccp.switchback");
  EXPECT_EQ(sccp_event(ge::Connected{3, 1}, 30).name, "sccp.ccm.connected");
}

TEST(SccpLog, LinesAreIosStyleAndNameTheAddress) {
  auto addr = [](std::uint32_t id) { return "10.0.0." + std::to_string(id) + ":2000"; };
  EXPECT_EQ(sccp_log_line(ge::Down{1, 1, sccp::DownReason::closed}, 30, addr).text,
            "%SCCP-5-CCM_DOWN: CCM group 1: CCM 1 (10.0.0.1:2000) is DOWN (closed)");
  EXPECT_EQ(sccp_log_line(ge::Switchover{1, 1, 2}, 30, addr).text,
            "%SCCP-5-SWITCHOVER: CCM group 1: switchover from CCM 1 to CCM 2 (10.0.0.2:2000)");
}

TEST(SccpLog, APlannerNoteIsAConfigWarning) {
  const IosLogLine l = sccp_note_log_line("CCM group 1: profile 9 (GHOST) not registered");
  EXPECT_EQ(l.severity, 4);
  EXPECT_EQ(l.text, "%SCCP-4-CONFIG: CCM group 1: profile 9 (GHOST) not registered");
}

TEST(SccpLog, AdminStateAtStartAndOnAChange) {
  const IosLogLine at_start = sccp_disabled_at_start_log_line();
  EXPECT_EQ(at_start.severity, 5);
  EXPECT_EQ(at_start.text, "%SCCP-5-ADMIN: SCCP is disabled (no sccp): CCM groups are not started");
  const IosLogLine on = sccp_admin_change_log_line(true);
  EXPECT_EQ(on.severity, 5);
  EXPECT_EQ(on.text, "%SCCP-5-ADMIN: SCCP is enabled (sccp): CCM groups start");
  const IosLogLine off = sccp_admin_change_log_line(false);
  EXPECT_EQ(off.severity, 5);
  EXPECT_EQ(off.text, "%SCCP-5-ADMIN: SCCP is disabled (no sccp): CCM groups stop");
}

TEST(SccpLog, AStartedGroupCountsItsCallManagersAndDevices) {
  sccp::GroupConfig g;
  g.group = 2;
  g.ccms = {sccp::CcmConfig{1, "127.0.0.1"}, sccp::CcmConfig{2, "127.0.0.2"}};
  g.devices.resize(3);
  const IosLogLine started = sccp_group_started_log_line(g, false);
  EXPECT_EQ(started.severity, 6);
  EXPECT_EQ(started.text, "%SCCP-6-GROUP: CCM group 2 started: 2 CallManager(s), 3 device(s)");
  EXPECT_EQ(sccp_group_started_log_line(g, true).text,
            "%SCCP-6-GROUP: CCM group 2 restarted: 2 CallManager(s), 3 device(s)");
}

TEST(SccpLog, AStoppedGroupSaysWhy) {
  const IosLogLine removed = sccp_group_stopped_log_line(2, SccpGroupStop::removed);
  EXPECT_EQ(removed.severity, 6);
  EXPECT_EQ(removed.text, "%SCCP-6-GROUP: CCM group 2 removed");
  EXPECT_EQ(sccp_group_stopped_log_line(1, SccpGroupStop::disabled).text,
            "%SCCP-6-GROUP: CCM group 1 stopped (no sccp)");
  EXPECT_EQ(sccp_group_stopped_log_line(3, SccpGroupStop::not_runnable).text,
            "%SCCP-6-GROUP: CCM group 3 stopped (not runnable, see %SCCP-4-CONFIG)");
}

}  // namespace
}  // namespace gw::daemon
