// SccpService and its planning: configuration → groups, GroupEvents → events and log lines.
// The wire is a fake runner; the real one is exercised by tests/e2e/sccp_*.sh with ccm-sim.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "config/loader.hpp"
#include "daemon/sccp_plan.hpp"
#include "daemon/sccp_service.hpp"

namespace gw::daemon {
namespace {

namespace ge = sccp::group_event;

constexpr const char* kConfig = R"(sccp ccm 127.0.0.1 identifier 1 port 2001 version 7.0
sccp ccm 127.0.0.2 identifier 2 version 7.0
sccp
!
sccp ccm group 1
 associate ccm 2 priority 2
 associate ccm 1 priority 1
 associate profile 1 register CFB1
 associate profile 2 register MTP1
 associate profile 3 register XCODE1
 associate profile 9 register GHOST
 keepalive retries 4
 keepalive timeout 10
 connect interval 20
 switchback method uptime
 switchback interval 30
!
dspfarm profile 1 conference
 maximum sessions 4
 associate application SCCP
!
dspfarm profile 2 mtp
 associate application SCCP
!
dspfarm profile 3 transcode
 associate application SCCP
!
end
)";

config::Config load(const std::string& text) {
  auto r = config::load_config_text(text);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front().message);
  return r.config;
}

TEST(SccpPlan, CcmsComeFromAssociateLinesInPriorityOrderWithTheirPorts) {
  const auto plan = plan_sccp(load(kConfig), 1.0, {});
  ASSERT_EQ(plan.groups.size(), 1u);
  const auto& g = plan.groups[0];
  ASSERT_EQ(g.ccms.size(), 2u);
  EXPECT_EQ(g.ccms[0].identifier, 1u);
  EXPECT_EQ(g.ccms[0].host, "127.0.0.1");
  EXPECT_EQ(g.ccms[0].port, 2001);
  EXPECT_EQ(g.ccms[0].priority, 1u);
  EXPECT_EQ(g.ccms[1].identifier, 2u);
  EXPECT_EQ(g.ccms[1].port, 2000);
}

TEST(SccpPlan, DeviceTypesFollowTheDspfarmKindAndAProfileWithoutOneIsSkippedWithANote) {
  const auto plan = plan_sccp(load(kConfig), 1.0, {});
  const auto& d = plan.groups.at(0).devices;
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].name, "CFB1");
  EXPECT_EQ(d[0].type, 50u);
  EXPECT_EQ(d[0].max_streams, 4u);
  EXPECT_EQ(d[1].type, 110u);
  EXPECT_EQ(d[2].type, 111u);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_NE(plan.notes[0].find("profile 9 (GHOST)"), std::string::npos) << plan.notes[0];
  EXPECT_NE(plan.notes[0].find("no `dspfarm profile 9`"), std::string::npos);
  EXPECT_EQ(plan.devices.size(), 3u);
}

TEST(SccpPlan, TimeScaleMultipliesEveryPolicyDuration) {
  const auto plan = plan_sccp(load(kConfig), 0.01, {});
  const auto& p = plan.groups.at(0).policy;
  EXPECT_EQ(p.keepalive_timeout, milliseconds(100));
  EXPECT_EQ(p.connect_interval, milliseconds(200));
  EXPECT_EQ(p.switchback_interval, milliseconds(300));
  EXPECT_EQ(p.registration_timeout, milliseconds(30));
  EXPECT_EQ(p.keepalive_retries, 4u);
  EXPECT_EQ(p.switchback, sccp::SwitchbackMethod::uptime);
  EXPECT_DOUBLE_EQ(p.time_scale, 0.01);
}

TEST(SccpPlan, NoSccpPlansNothing) {
  auto config = load(kConfig);
  config.sccp_enabled = false;
  EXPECT_TRUE(plan_sccp(config, 1.0, {}).groups.empty());
}

TEST(SccpPlan, ShutDspfarmProfileIsSkipped) {
  auto config = load(kConfig);
  config.dspfarm_profiles[2].shutdown = true;
  const auto plan = plan_sccp(config, 1.0, {});
  EXPECT_EQ(plan.groups.at(0).devices.size(), 2u);
  EXPECT_EQ(plan.notes.size(), 2u);
}

TEST(SccpPlan, GroupWithOnlyUnknownCcmsIsSkipped) {
  auto config = load(kConfig);
  config.ccm_groups[1].ccm_by_priority = {{1, 7}};
  const auto plan = plan_sccp(config, 1.0, {});
  EXPECT_TRUE(plan.groups.empty());
  EXPECT_GE(plan.notes.size(), 2u);
}

TEST(SccpPlan, BindInterfaceAddressGoesIntoRegister) {
  auto config = load(kConfig);
  config.ccm_groups[1].bind_interface = "eth9";
  std::string asked;
  const auto plan = plan_sccp(config, 1.0, [&](const std::string& i) -> Result<std::uint32_t> {
    asked = i;
    return 0x0100007Fu;
  });
  EXPECT_EQ(asked, "eth9");
  EXPECT_EQ(plan.groups.at(0).local_ip, 0x0100007Fu);
}

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

// ---- the service with a fake runner

struct RecordingSink final : EventSink {
  std::vector<Event> events;
  void emit(const Event& e) override { events.push_back(e); }
};

struct FakeRunner final : SccpGroupRunner {
  sccp::GroupConfig config;
  EventsFn on_events;
  bool started = false;
  bool stopped = false;
  void start() override { started = true; }
  void stop() override { stopped = true; }
  sccp::GroupSnapshot snapshot() const override { return {config.group, 1u, {}}; }
  net::SccpWireCounters counters() const override { return {}; }
};

struct SccpServiceTest : ::testing::Test {
  std::FILE* log = std::tmpfile();
  Logger logger{log};
  RecordingSink sink;
  std::vector<FakeRunner*> runners;
  SccpRunnerFactory factory = [this](const sccp::GroupConfig& g, SccpGroupRunner::EventsFn fn) {
    auto r = std::make_unique<FakeRunner>();
    r->config = g;
    r->on_events = std::move(fn);
    runners.push_back(r.get());
    return r;
  };
  ~SccpServiceTest() override { std::fclose(log); }
  std::string log_text() {
    std::fflush(log);
    std::rewind(log);
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, log)) out += buf;
    return out;
  }
};

TEST_F(SccpServiceTest, StartsOneRunnerPerGroupWithScaledPolicyAndLogsSkippedProfiles) {
  SccpService service(load(kConfig), 0.5, factory, sink, logger);
  ASSERT_TRUE(service.start().ok());
  ASSERT_EQ(runners.size(), 1u);
  EXPECT_TRUE(runners[0]->started);
  EXPECT_EQ(runners[0]->config.policy.keepalive_timeout, seconds(5));
  EXPECT_NE(log_text().find("%SCCP-4-CONFIG: CCM group 1: profile 9 (GHOST) not registered"),
            std::string::npos)
      << log_text();
  EXPECT_FALSE(service.start().ok());
}

TEST_F(SccpServiceTest, GroupEventsBecomeSinkEventsAndLogLinesInOrder) {
  SccpService service(load(kConfig), 0.01, factory, sink, logger);
  ASSERT_TRUE(service.start().ok());
  runners[0]->on_events({ge::Down{1, 1, sccp::DownReason::keepalive}, ge::Switchover{1, 1, 2},
                         ge::Registered{1, 2, "CFB1", milliseconds(50), 5}});
  ASSERT_EQ(sink.events.size(), 3u);
  EXPECT_EQ(sink.events[0].name, "sccp.ccm.down");
  EXPECT_EQ(sink.events[1].name, "sccp.switchover");
  EXPECT_EQ(sink.events[2].name, "sccp.ccm.registered");
  const std::string text = log_text();
  EXPECT_NE(text.find("%SCCP-5-CCM_DOWN: CCM group 1: CCM 1 (127.0.0.1:2001) is DOWN (keepalive)"),
            std::string::npos)
      << text;
  EXPECT_LT(text.find("CCM_DOWN"), text.find("SWITCHOVER"));
}

TEST_F(SccpServiceTest, NothingIsEmittedAfterStop) {
  SccpService service(load(kConfig), 1.0, factory, sink, logger);
  ASSERT_TRUE(service.start().ok());
  service.stop();
  EXPECT_TRUE(runners[0]->stopped);
  runners[0]->on_events({ge::Connected{1, 1}});
  EXPECT_TRUE(sink.events.empty());
}

TEST_F(SccpServiceTest, NoSccpStartsNoRunnerAndSnapshotSaysDown) {
  auto config = load(kConfig);
  config.sccp_enabled = false;
  SccpService service(config, 1.0, factory, sink, logger);
  ASSERT_TRUE(service.start().ok());
  EXPECT_TRUE(runners.empty());
  DaemonSnapshot snap;
  service.snapshot(snap);
  ASSERT_TRUE(snap.sccp);
  EXPECT_FALSE(snap.sccp->enabled);
  EXPECT_EQ(snap.sccp->ccms.size(), 2u);
}

TEST_F(SccpServiceTest, SnapshotCarriesGroupsDevicesAndNotes) {
  SccpService service(load(kConfig), 1.0, factory, sink, logger);
  ASSERT_TRUE(service.start().ok());
  DaemonSnapshot snap;
  service.snapshot(snap);
  ASSERT_TRUE(snap.sccp);
  ASSERT_EQ(snap.sccp->groups.size(), 1u);
  EXPECT_EQ(snap.sccp->groups[0].settings.keepalive_retries, 4);
  EXPECT_EQ(snap.sccp->groups[0].live.active, 1u);
  EXPECT_EQ(snap.sccp->devices.size(), 3u);
  EXPECT_EQ(snap.sccp->notes.size(), 1u);
}

}  // namespace
}  // namespace gw::daemon
