// `show sccp` and `show sccp ccm group [N]`: pure renderers over hand-built snapshots.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <gtest/gtest.h>

#include "render/show.hpp"

namespace gw::daemon {
namespace {

bool has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

sccp::CcmSnapshot row(std::uint32_t id, unsigned priority, sccp::CcmRole role, Duration configured,
                      Duration effective, unsigned unacked) {
  return sccp::CcmSnapshot{id,
                           "127.0.0.1:200" + std::to_string(id),
                           priority,
                           role,
                           sccp::SessionState::registered,
                           configured,
                           effective,
                           unacked,
                           {}};
}

// Time scale 0.01: 30 s configured is 300 ms live; the CCM's 5 s is 50 ms live.
DaemonSnapshot sample() {
  SccpSnapshot s;
  s.enabled = true;
  s.time_scale = 0.01;
  s.ccms = {
      {1, "127.0.0.1", 2001, "7.0"}, {2, "127.0.0.1", 2002, "7.0"}, {3, "10.9.9.9", 2000, ""}};
  SccpGroupState g;
  g.group = 1;
  g.settings.keepalive_retries = 4;
  g.settings.switchback = config::SwitchbackMethod::uptime;
  g.live.group = 1;
  g.live.active = 1;
  g.live.ccms = {row(1, 1, sccp::CcmRole::active, milliseconds(300), milliseconds(50), 0),
                 row(2, 2, sccp::CcmRole::standby, milliseconds(300), milliseconds(20), 2)};
  g.live.ccms[0].counters.malformed = 3;
  g.wire.stale_input = 5;
  s.groups.push_back(g);
  s.devices = {{1, 1, "CFB1", config::DspfarmKind::conference, 50, 4},
               {1, 3, "XCODE1", config::DspfarmKind::transcode, 111, 0}};
  s.notes = {"CCM group 1: profile 9 (GHOST) not registered: no `dspfarm profile 9`"};
  DaemonSnapshot d;
  d.sccp = s;
  return d;
}

TEST(ShowSccp, AdminStateAndEachCcmWithConfiguredAndEffectiveIntervalsUnscaled) {
  const std::string out = render_show_sccp(sample());
  EXPECT_TRUE(has(out, "SCCP Admin State: UP\n")) << out;
  EXPECT_TRUE(
      has(out, "Call Manager: 127.0.0.1, Port Number: 2001, Identifier: 1, Version: 7.0\n"));
  EXPECT_TRUE(has(
      out, "CCM group 1: Priority: 1, State: active, Keepalive: configured 30 s, effective 5 s\n"))
      << out;
  EXPECT_TRUE(
      has(out,
          "CCM group 1: Priority: 2, State: standby, Keepalive: configured 30 s, effective 2 s\n"));
  EXPECT_TRUE(has(out,
                  "Call Manager: 10.9.9.9, Port Number: 2000, Identifier: 3, Version: -\n"
                  "        Not in a running CCM group\n"));
}

TEST(ShowSccp, DevicesShowTheirTypeAndTranscodeSaysMediaTerminationPointYoko) {
  const std::string out = render_show_sccp(sample());
  EXPECT_TRUE(has(out, "50 ConferenceBridge")) << out;
  EXPECT_TRUE(has(out, "111 MediaTerminationPointYoko")) << out;
  EXPECT_TRUE(has(out, "profile 9 (GHOST) not registered"));
}

TEST(ShowSccp, DisabledOrAbsentIsAdminDown) {
  EXPECT_EQ(render_show_sccp(DaemonSnapshot{}), "SCCP Admin State: DOWN\n");
  DaemonSnapshot d = sample();
  d.sccp->enabled = false;
  EXPECT_TRUE(has(render_show_sccp(d), "SCCP Admin State: DOWN\n"));
  EXPECT_EQ(render_show_sccp_ccm_group(d, std::nullopt), "SCCP is disabled (no sccp)\n");
}

TEST(ShowSccpCcmGroup, RowsCarryIdentifierAddressPriorityStateIntervalsAndUnacked) {
  const std::string out = render_show_sccp_ccm_group(sample(), 1);
  EXPECT_TRUE(has(out, "CCM Group Identifier: 1\n")) << out;
  EXPECT_TRUE(has(out, "Keepalive Retries: 4, Keepalive Timeout: 30 sec\n"));
  EXPECT_TRUE(has(out, "Switchback Method: UPTIME"));
  EXPECT_TRUE(has(out, "Active CCM: 1\n"));
  EXPECT_TRUE(has(
      out,
      "  1          127.0.0.1:2001               1        active     30/5                   0\n"))
      << out;
  EXPECT_TRUE(has(
      out,
      "  2          127.0.0.1:2002               2        standby    30/2                   2\n"))
      << out;
  EXPECT_TRUE(has(out, "malformed 3"));
  EXPECT_TRUE(has(out, "stale 5"));
}

TEST(ShowSccpCcmGroup, UnknownGroupIsNamed) {
  EXPECT_EQ(render_show_sccp_ccm_group(sample(), 7), "% CCM group 7 is not configured\n");
  EXPECT_EQ(render_show_sccp_ccm_group(sample(), std::nullopt),
            render_show_sccp_ccm_group(sample(), 1));
}

}  // namespace
}  // namespace gw::daemon
