// SccpService and its planning: configuration → groups, GroupEvents → events and log lines
// (their wording: tests/report/sccp_wording_test.cpp).
// The wire is a fake runner; the real one is exercised by tests/e2e/sccp_*.sh with ccm-sim.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "services/sccp/sccp_service.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "config/config_diff.hpp"
#include "config/loader.hpp"
#include "services/sccp/sccp_plan.hpp"

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
  int starts = 0;
  sccp::SccpWireCounters wire;  // what the "wire" did so far: a restart would lose it
  void start() override {
    started = true;
    ++starts;
  }
  void stop() override { stopped = true; }
  std::function<void()> shut_done;  // set by shutdown(); the test plays the UnregisterAck
  void shutdown(std::function<void()> done) override { shut_done = std::move(done); }
  sccp::GroupSnapshot snapshot() const override { return {config.group, 1u, {}}; }
  sccp::SccpWireCounters counters() const override { return wire; }
  bool destroyed = false;  // the service dropped it
};

// What the service owns: forwards to a FakeRunner the test keeps (so that it can look at a
// runner the service has already dropped).
struct RunnerHandle final : SccpGroupRunner {
  FakeRunner* r;
  explicit RunnerHandle(FakeRunner* runner) : r(runner) {}
  ~RunnerHandle() override { r->destroyed = true; }
  void start() override { r->start(); }
  void stop() override { r->stop(); }
  void shutdown(std::function<void()> done) override { r->shutdown(std::move(done)); }
  sccp::GroupSnapshot snapshot() const override { return r->snapshot(); }
  sccp::SccpWireCounters counters() const override { return r->counters(); }
};

struct SccpServiceTest : ::testing::Test {
  std::FILE* log = std::tmpfile();
  Logger logger{log};
  RecordingSink sink;
  std::vector<std::unique_ptr<FakeRunner>> owned;
  std::vector<FakeRunner*> runners;  // every runner the factory made, in order
  SccpRunnerFactory factory =
      [this](const sccp::GroupConfig& g,
             SccpGroupRunner::EventsFn fn) -> std::unique_ptr<SccpGroupRunner> {
    owned.push_back(std::make_unique<FakeRunner>());
    FakeRunner* r = owned.back().get();
    r->config = g;
    r->on_events = std::move(fn);
    runners.push_back(r);
    return std::make_unique<RunnerHandle>(r);
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

// ---- live reconfiguration: only the groups the diff names restart

std::string two_groups(const std::string& group2_extra = "", const std::string& tail = "") {
  return "sccp ccm 127.0.0.1 identifier 1 port 2001 version 7.0\n"
         "sccp ccm 127.0.0.1 identifier 2 port 2002 version 7.0\n"
         "sccp\n!\n"
         "sccp ccm group 1\n associate ccm 1 priority 1\n associate profile 1 register CFB1\n"
         " associate profile 9 register GHOST\n keepalive timeout 10\n!\n"
         "sccp ccm group 2\n associate ccm 2 priority 1\n associate profile 2 register MTP2\n"
         " keepalive timeout 20\n" +
         group2_extra +
         "!\n"
         "dspfarm profile 1 conference\n associate application SCCP\n!\n"
         "dspfarm profile 2 mtp\n associate application SCCP\n!\n" +
         tail + "end\n";
}

struct SccpReconfigureTest : SccpServiceTest {
  config::Config live = load(two_groups());
  SccpService service{live, 1.0, factory, sink, logger};
  void SetUp() override {
    ASSERT_TRUE(service.start().ok());
    ASSERT_EQ(runners.size(), 2u);
    runners[0]->wire.bytes_out = 111;  // group 1 "has been running"
  }
  // Applies `text` the way LiveOps does and returns the diff.
  ConfigDiff apply(const std::string& text) {
    const config::Config next = load(text);
    const ConfigDiff diff = diff_config(live, next);
    live = next;
    service.reconfigure(next, diff);
    return diff;
  }
  SccpSnapshot snap() const {
    DaemonSnapshot out;
    service.snapshot(out);
    return *out.sccp;
  }
  std::size_t count(const std::string& text) {
    const std::string all = log_text();
    std::size_t n = 0;
    for (auto at = all.find(text); at != std::string::npos; at = all.find(text, at + 1)) ++n;
    return n;
  }
};

TEST_F(SccpReconfigureTest, ChangingGroup2RestartsOnlyGroup2) {
  const ConfigDiff diff = apply(two_groups(" keepalive retries 5\n"));
  ASSERT_EQ(diff.sccp_groups, std::vector<int>{2});
  ASSERT_EQ(runners.size(), 3u);  // one new runner, for group 2
  EXPECT_EQ(runners[0]->starts, 1);
  EXPECT_FALSE(runners[0]->stopped);
  EXPECT_TRUE(runners[1]->stopped);
  EXPECT_TRUE(runners[1]->destroyed);
  EXPECT_FALSE(runners[0]->destroyed);
  EXPECT_EQ(runners[2]->config.group, 2u);
  EXPECT_EQ(runners[2]->starts, 1);
  EXPECT_EQ(runners[2]->config.policy.keepalive_retries, 5u);
  EXPECT_EQ(count("%SCCP-6-GROUP: CCM group 2 restarted: 1 CallManager(s), 1 device(s)"), 1u)
      << log_text();
  EXPECT_EQ(count("CCM group 1 restarted"), 0u);
  const auto s = snap();
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[0].group, 1u);
  EXPECT_EQ(s.groups[0].wire.bytes_out, 111u);  // the same runner: counters kept
  EXPECT_EQ(s.groups[1].group, 2u);
  EXPECT_EQ(s.groups[1].settings.keepalive_retries, 5);
  // Group 1's events still flow through its untouched runner, worded with its own CCM.
  runners[0]->on_events({ge::Down{1, 1, sccp::DownReason::closed}});
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(count("CCM group 1: CCM 1 (127.0.0.1:2001) is DOWN (closed)"), 1u);
  // And the new group-2 runner's events come through too.
  runners[2]->on_events({ge::Connected{2, 2}});
  EXPECT_EQ(sink.events.size(), 2u);
}

TEST_F(SccpReconfigureTest, AChangedCcmLineRestartsTheGroupThatUsesIt) {
  std::string text = two_groups();
  text.replace(text.find("port 2002"), 9, "port 2012");
  EXPECT_EQ(apply(text).sccp_groups, std::vector<int>{2});
  ASSERT_EQ(runners.size(), 3u);
  EXPECT_EQ(runners[2]->config.ccms.at(0).port, 2012);
  EXPECT_FALSE(runners[0]->stopped);
  EXPECT_EQ(snap().ccms.at(1).port, 2012);
}

TEST_F(SccpReconfigureTest, AddingAGroupStartsItAndRemovingOneStopsIt) {
  apply(two_groups("", "sccp ccm group 3\n associate ccm 1 priority 1\n!\n"));
  ASSERT_EQ(runners.size(), 3u);
  EXPECT_EQ(runners[2]->config.group, 3u);
  EXPECT_EQ(runners[2]->starts, 1);
  EXPECT_FALSE(runners[0]->stopped);
  EXPECT_FALSE(runners[1]->stopped);
  EXPECT_EQ(count("%SCCP-6-GROUP: CCM group 3 started: 1 CallManager(s), 0 device(s)"), 1u)
      << log_text();
  ASSERT_EQ(snap().groups.size(), 3u);

  // Remove group 2: its runner stops and is gone, groups 1 and 3 stay as they are.
  std::string text = two_groups("", "sccp ccm group 3\n associate ccm 1 priority 1\n!\n");
  const auto from = text.find("sccp ccm group 2");
  text.erase(from, text.find("dspfarm profile 1") - from);
  EXPECT_EQ(apply(text).sccp_groups, std::vector<int>{2});
  EXPECT_EQ(runners.size(), 3u);  // nothing new
  EXPECT_TRUE(runners[1]->stopped);
  EXPECT_TRUE(runners[1]->destroyed);
  EXPECT_FALSE(runners[0]->stopped);
  EXPECT_FALSE(runners[2]->stopped);
  EXPECT_EQ(count("%SCCP-6-GROUP: CCM group 2 removed"), 1u) << log_text();
  const auto s = snap();
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[0].group, 1u);
  EXPECT_EQ(s.groups[1].group, 3u);
  EXPECT_EQ(s.devices.size(), 1u);  // MTP2 went with group 2
  runners[0]->on_events({ge::Connected{1, 1}});
  EXPECT_EQ(sink.events.size(), 1u);
}

TEST_F(SccpReconfigureTest, NoSccpStopsEveryGroupAndSccpStartsThemAgain) {
  std::string off = two_groups();
  off.replace(off.find("sccp\n!"), 4, "no sccp");
  EXPECT_EQ(apply(off).sccp_groups, (std::vector<int>{1, 2}));
  EXPECT_TRUE(runners[0]->stopped);
  EXPECT_TRUE(runners[1]->stopped);
  EXPECT_EQ(runners.size(), 2u);
  EXPECT_EQ(count("%SCCP-5-ADMIN: SCCP is disabled (no sccp)"), 1u) << log_text();
  EXPECT_EQ(count("%SCCP-6-GROUP: CCM group 1 stopped (no sccp)"), 1u);
  EXPECT_EQ(count("%SCCP-6-GROUP: CCM group 2 stopped (no sccp)"), 1u);
  auto s = snap();
  EXPECT_FALSE(s.enabled);
  EXPECT_TRUE(s.groups.empty());
  EXPECT_TRUE(s.devices.empty());

  EXPECT_EQ(apply(two_groups()).sccp_groups, (std::vector<int>{1, 2}));
  ASSERT_EQ(runners.size(), 4u);
  EXPECT_EQ(runners[2]->config.group, 1u);
  EXPECT_EQ(runners[3]->config.group, 2u);
  EXPECT_EQ(runners[2]->starts, 1);
  EXPECT_EQ(runners[3]->starts, 1);
  EXPECT_EQ(count("%SCCP-6-GROUP: CCM group 1 started"), 2u) << log_text();  // start(), then now
  s = snap();
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.devices.size(), 2u);
}

TEST_F(SccpReconfigureTest, ADiffWithoutSccpGroupsRestartsNothingButTheSnapshotFollows) {
  // A new `sccp ccm` line no group uses, and a SIP change: the diff names no SCCP group.
  const std::string text = "sccp ccm 10.9.9.9 identifier 7 version 7.0\n" +
                           two_groups("", "sip-ua\n keepalive target ipv4:10.0.0.5:5060\n!\n");
  const ConfigDiff diff = apply(text);
  EXPECT_TRUE(diff.sccp_groups.empty());
  EXPECT_FALSE(diff.empty());
  EXPECT_EQ(runners.size(), 2u);
  EXPECT_FALSE(runners[0]->stopped);
  EXPECT_FALSE(runners[1]->stopped);
  EXPECT_EQ(runners[0]->starts, 1);
  EXPECT_EQ(runners[1]->starts, 1);
  EXPECT_EQ(count("%SCCP-6-GROUP"), 2u) << log_text();  // the two from start()
  const auto s = snap();
  ASSERT_EQ(s.ccms.size(), 3u);
  EXPECT_EQ(s.ccms[2].identifier, 7);
  EXPECT_EQ(s.groups[0].wire.bytes_out, 111u);
}

TEST_F(SccpReconfigureTest, OnlyNewPlannerNotesAreLogged) {
  ASSERT_EQ(count("GHOST"), 1u) << log_text();  // group 1's note, from start()
  apply(two_groups(" associate profile 8 register LOST\n"));
  EXPECT_EQ(count("GHOST"), 1u) << log_text();  // still true, not repeated
  EXPECT_EQ(count("%SCCP-4-CONFIG: CCM group 2: profile 8 (LOST) not registered"), 1u)
      << log_text();
  EXPECT_EQ(snap().notes.size(), 2u);
}

TEST_F(SccpServiceTest, ReconfigureBeforeStartOnlyStoresAndAfterStopStartsNothing) {
  SccpService service(load(two_groups()), 1.0, factory, sink, logger);
  config::Config next = load(two_groups(" keepalive retries 7\n"));
  service.reconfigure(next, diff_config(load(two_groups()), next));
  EXPECT_TRUE(runners.empty());
  ASSERT_TRUE(service.start().ok());
  ASSERT_EQ(runners.size(), 2u);
  EXPECT_EQ(runners[1]->config.policy.keepalive_retries, 7u);
  service.stop();
  const config::Config back = load(two_groups());
  const ConfigDiff diff = diff_config(next, back);
  ASSERT_EQ(diff.sccp_groups, std::vector<int>{2});
  service.reconfigure(back, diff);
  EXPECT_EQ(runners.size(), 2u);  // nothing starts after stop()
}

// ---- shutdown (SIGTERM): every group unregisters, then the service is done

TEST_F(SccpServiceTest, ShutdownIsDoneOnlyOnceEveryGroupHasFinished) {
  SccpService service(load(two_groups()), 1.0, factory, sink, logger);
  ASSERT_TRUE(service.start().ok());
  bool done = false;
  service.shutdown([&] { done = true; });
  ASSERT_TRUE(runners[0]->shut_done);
  ASSERT_TRUE(runners[1]->shut_done);
  runners[0]->shut_done();
  EXPECT_FALSE(done);
  runners[1]->on_events({ge::Connected{2, 2}});  // events still flow while it waits
  EXPECT_EQ(sink.events.size(), 1u);
  runners[1]->shut_done();
  EXPECT_TRUE(done);
  runners[1]->on_events({ge::Connected{2, 2}});
  EXPECT_EQ(sink.events.size(), 1u);  // nothing after
}

TEST_F(SccpServiceTest, ShutdownWithNoSccpIsDoneAtOnce) {
  std::string off = two_groups();
  off.replace(off.find("sccp\n!"), 4, "no sccp");
  SccpService service(load(off), 1.0, factory, sink, logger);
  ASSERT_TRUE(service.start().ok());
  bool done = false;
  service.shutdown([&] { done = true; });
  EXPECT_TRUE(done);
}

TEST(SccpPlan, SccpPartPlansTheSameAndLeavesTheRestOut) {
  const auto full =
      load(two_groups("", "dial-peer voice 10 voip\n session target ipv4:10.0.0.9\n!\n"));
  ASSERT_EQ(full.dial_peers.size(), 1u);
  const auto part = sccp_part(full);
  EXPECT_TRUE(part.dial_peers.empty());
  EXPECT_EQ(part.ccm_groups, full.ccm_groups);
  const auto a = plan_sccp(full, 0.5, {});
  const auto b = plan_sccp(part, 0.5, {});
  ASSERT_EQ(a.groups.size(), b.groups.size());
  for (std::size_t i = 0; i < a.groups.size(); ++i) {
    EXPECT_EQ(a.groups[i].ccms.size(), b.groups[i].ccms.size());
    EXPECT_EQ(a.groups[i].devices.size(), b.groups[i].devices.size());
    EXPECT_EQ(a.groups[i].policy.keepalive_timeout, b.groups[i].policy.keepalive_timeout);
  }
  EXPECT_EQ(a.notes, b.notes);
}

}  // namespace
}  // namespace gw::daemon
