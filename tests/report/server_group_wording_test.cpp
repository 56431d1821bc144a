// Server-group wording: the events of design.md (exact names and fields) and the log lines.
#include "report/server_group_wording.hpp"

#include <gtest/gtest.h>

#include "recording_sink.hpp"

namespace gw::daemon {
namespace {

using keepalive::FailureReason;

std::string line_of(const Event& e) {
  test::RecordingSink sink;
  sink.emit(e);
  return sink.lines.at(0);
}

TEST(ServerGroupEvent, MemberDownAndUp) {
  ServerGroupMemberChange c{1, false, "10.0.0.1:5060", Transport::tcp, FailureReason::timeout};
  EXPECT_EQ(line_of(server_group_member_event(c)),
            "server-group.member.down group=1 address=10.0.0.1:5060 transport=tcp reason=timeout");
  EXPECT_EQ(server_group_member_log_line(c).text,
            "%SIP-5-SERVER_GROUP_MEMBER: server-group 1 member 10.0.0.1:5060 tcp OPTIONS "
            "keepalive status changed to DOWN (timeout)");
  c.up = true;
  EXPECT_EQ(line_of(server_group_member_event(c)),
            "server-group.member.up group=1 address=10.0.0.1:5060 transport=tcp");
}

TEST(ServerGroupEvent, DialPeerDownOnEnteringBusyoutUpOnLeavingIt) {
  ServerGroupPeerChange c{100,
                          1,
                          GroupPeerState::partial,
                          GroupPeerState::busyout,
                          "10.0.0.2:5060",
                          Transport::udp,
                          FailureReason::status_503};
  EXPECT_EQ(line_of(server_group_peer_event(c)),
            "dial-peer.down dial_peer=100 address=10.0.0.2:5060 transport=udp reason=503");
  EXPECT_EQ(server_group_peer_log_line(c).text,
            "%SIP-5-DIALPEER_STATUS: dial-peer 100 server-group 1 OPTIONS keepalive status "
            "changed to BUSYOUT");
  c.from = GroupPeerState::busyout;
  c.to = GroupPeerState::partial;
  EXPECT_EQ(line_of(server_group_peer_event(c)),
            "dial-peer.up dial_peer=100 address=10.0.0.2:5060 transport=udp");
  EXPECT_EQ(to_string(GroupPeerState::partial), "partial");
}

}  // namespace
}  // namespace gw::daemon
