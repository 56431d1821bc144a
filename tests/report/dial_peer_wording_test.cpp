// Dial-peer wording: the events of design.md and the IOS log lines, exactly.
#include "report/dial_peer_wording.hpp"

#include <gtest/gtest.h>

#include "recording_sink.hpp"

namespace gw::daemon {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;

config::KeepaliveTarget target(std::uint16_t port, Transport t = Transport::udp) {
  return {config::SipServer{config::SipServer::Kind::ipv4, "127.0.0.1", port}, t};
}

std::string line_of(const Event& e) {
  test::RecordingSink sink;
  sink.emit(e);
  return sink.lines.at(0);
}

TEST(DialPeerEvent, DownCarriesTagAddressTransportAndReason) {
  const auto t = target(5060);
  const Event e = dial_peer_event(
      {.tag = 100, .address = "127.0.0.1:5060", .target = t, .reason = FailureReason::status_503});
  EXPECT_EQ(e.name, "dial-peer.down");
  EXPECT_EQ(line_of(e),
            "dial-peer.down dial_peer=100 address=127.0.0.1:5060 transport=udp reason=503");
}

TEST(DialPeerEvent, UpHasNoReason) {
  const auto t = target(5070, Transport::tcp);
  const Event e = dial_peer_event({.tag = 200, .up = true, .address = "[::1]:5070", .target = t});
  EXPECT_EQ(e.name, names::kDialPeerUp);
  EXPECT_EQ(line_of(e), "dial-peer.up dial_peer=200 address=[::1]:5070 transport=tcp");
}

TEST(DialPeerLog, TransitionsNameTheSessionTargetAndTheNewStatus) {
  const auto t = target(5060);
  const auto down = dial_peer_log_line(
      {.tag = 100, .address = "127.0.0.1:5060", .target = t, .reason = FailureReason::timeout});
  EXPECT_EQ(down.severity, 5);
  EXPECT_EQ(down.text,
            "%SIP-5-DIALPEER_KEEPALIVE: dial-peer 100 session target ipv4:127.0.0.1:5060 udp "
            "OPTIONS keepalive status changed to BUSYOUT (timeout)");
  const auto up =
      dial_peer_log_line({.tag = 100, .up = true, .address = "127.0.0.1:5060", .target = t});
  EXPECT_EQ(up.text,
            "%SIP-5-DIALPEER_KEEPALIVE: dial-peer 100 session target ipv4:127.0.0.1:5060 udp "
            "OPTIONS keepalive status changed to ACTIVE");
}

TEST(DialPeerLog, AttemptLineSaysOkOrTheReasonAndTheState) {
  const auto ok = dial_peer_attempt_log_line(100, "127.0.0.1:5060", Transport::udp,
                                             keepalive::classify(200), keepalive::TargetState::up);
  EXPECT_EQ(ok.severity, 7);
  EXPECT_EQ(ok.text,
            "%SIP-7-DIALPEER_ATTEMPT: dial-peer 100 127.0.0.1:5060 udp ok status 200 state up");
  const auto bad = dial_peer_attempt_log_line(300, "127.0.0.1:5080", Transport::tls,
                                              AttemptOutcome::failed(FailureReason::timeout),
                                              keepalive::TargetState::down);
  EXPECT_EQ(bad.text,
            "%SIP-7-DIALPEER_ATTEMPT: dial-peer 300 127.0.0.1:5080 tls timeout status 0 state "
            "down");
}

TEST(DialPeerLog, StartStopAndChangeLines) {
  EXPECT_EQ(dial_peer_started_log_line(1).text,
            "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive started for 1 dial-peer");
  EXPECT_EQ(dial_peer_started_log_line(3).text,
            "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive started for 3 dial-peers");
  EXPECT_EQ(dial_peer_change_log_line(2, true, true).text,
            "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive restarted for dial-peer 2");
  EXPECT_EQ(dial_peer_change_log_line(4, false, true).text,
            "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive started for dial-peer 4");
  EXPECT_EQ(dial_peer_change_log_line(3, true, false).text,
            "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive stopped for dial-peer 3");
  EXPECT_EQ(dial_peer_more_changes_log_line(68).text,
            "%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive restarted, started or stopped for 68 "
            "more dial-peers");
  EXPECT_EQ(dial_peer_more_changes_log_line(68).severity, 6);
}

TEST(DialPeerLog, NotesAndInternalErrors) {
  const auto note = dial_peer_note_log_line("dial-peer 7: profile 9 is not configured");
  EXPECT_EQ(note.severity, 4);
  EXPECT_EQ(note.text, "%SIP-4-DIALPEER_KEEPALIVE: dial-peer 7: profile 9 is not configured");
  const auto err = dial_peer_internal_error_log_line("bad phase");
  EXPECT_EQ(err.severity, 3);
  EXPECT_EQ(err.text, "%SIP-3-DIALPEER_KEEPALIVE: internal error: bad phase");
}

TEST(DialPeerLog, StatsLineInMicroseconds) {
  LatenessSnapshot l{9, std::chrono::microseconds(25), std::chrono::microseconds(50),
                     std::chrono::microseconds(61)};
  const auto s = dial_peer_stats_log_line(3, 9, l, 5, 0);
  EXPECT_EQ(s.severity, 6);
  EXPECT_EQ(s.text,
            "%GATEWATCH-6-DIALPEER_STATS: dial-peers 3 probes 9 lateness p50 25 us p99 50 us max "
            "61 us wake-ups 5 deferred 0");
}

}  // namespace
}  // namespace gw::daemon
