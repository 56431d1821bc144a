// systemd side: the STATUS= line and the journal stream detection.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>

#include "ops/logger.hpp"
#include "ops/systemd_notify.hpp"

namespace gw::daemon {
namespace {

TEST(SystemdStatus, SummarisesTargetsBusyoutAndActiveCcm) {
  DaemonSnapshot s;
  SipKeepaliveSnapshot sip;
  SipTargetSnapshot a, b;
  a.state = keepalive::TargetState::up;
  b.state = keepalive::TargetState::down;
  sip.targets = {a, b};
  s.sip = sip;
  s.voice_ports.push_back({"0/0/1", "", false, true, false, ""});
  SccpSnapshot sccp;
  sccp.enabled = true;
  SccpGroupState g;
  g.group = 1;
  g.live.active = 2;
  sccp.groups.push_back(g);
  s.sccp = sccp;
  EXPECT_EQ(status_line(s), "SIP targets 1/2 up; voice ports in service; CCM group 1 active 2");
  s.sip->targets[0].state = keepalive::TargetState::down;
  s.voice_ports[0].busy = true;
  s.sccp->groups[0].live.active.reset();
  EXPECT_EQ(status_line(s),
            "SIP targets 0/2 up; 1 voice port(s) BUSYOUT; CCM group 1 NO active CCM");
}

TEST(SystemdStatus, CountsActiveDialPeersWhenAnyIsProbed) {
  DaemonSnapshot s;
  s.dial_peers.emplace();
  EXPECT_EQ(status_line(s), "no SIP targets; voice ports in service");
  s.dial_peers->probed = 100000;
  s.dial_peers->busyout = 12;
  EXPECT_EQ(status_line(s),
            "no SIP targets; voice ports in service; dial-peers 99988/100000 active");
}

TEST(SystemdStatus, EmptySnapshot) {
  EXPECT_EQ(status_line({}), "no SIP targets; voice ports in service");
}

TEST(JournalStream, MatchesOnlyTheDeviceAndInodeOfTheFd) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  struct stat st {};
  ASSERT_EQ(::fstat(::fileno(f), &st), 0);
  const std::string good = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  EXPECT_TRUE(is_journal_stream(good.c_str(), ::fileno(f)));
  EXPECT_FALSE(is_journal_stream((std::to_string(st.st_dev) + ":1").c_str(), ::fileno(f)));
  EXPECT_FALSE(is_journal_stream("", ::fileno(f)));
  EXPECT_FALSE(is_journal_stream(nullptr, ::fileno(f)));
  EXPECT_FALSE(is_journal_stream("garbage", ::fileno(f)));
  std::fclose(f);
}

}  // namespace
}  // namespace gw::daemon
