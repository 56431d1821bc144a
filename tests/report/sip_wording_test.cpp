// sip-ua wording: events and IOS log lines of the SIP keepalive, byte for byte.
#include "report/sip_wording.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace gw::daemon {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;

// The event line without its timestamp.
std::string json(const Event& e) {
  const std::string line = format_event_line(e, WallClock::time_point{});
  const std::string ts = "\"ts\":\"1970-01-01T00:00:00.000Z\",";
  const auto at = line.find(ts);
  return at == std::string::npos ? line : line.substr(0, at) + line.substr(at + ts.size());
}

config::KeepaliveTarget target(std::string_view text, Transport transport) {
  config::KeepaliveTarget t;
  t.server = *config::parse_sip_server(text);
  t.transport = transport;
  return t;
}

SipTargetChange down(FailureReason reason) {
  return {"primary", target("ipv4:127.0.0.1", Transport::udp), "127.0.0.1:5060", false, reason};
}

TEST(SipWording, TargetDownEventCarriesRoleAddressTransportAndReason) {
  EXPECT_EQ(json(sip_target_event(down(FailureReason::status_503))),
            "{\"event\":\"sip.target.down\",\"target\":\"primary\",\"address\":"
            "\"127.0.0.1:5060\",\"transport\":\"udp\",\"reason\":\"503\"}\n");
}

TEST(SipWording, TargetUpEventHasNoReason) {
  const SipTargetChange up{"secondary", target("ipv6:[2001:db8::10]:5070", Transport::tcp),
                           "[2001:db8::10]:5070", true, FailureReason::timeout};
  EXPECT_EQ(json(sip_target_event(up)),
            "{\"event\":\"sip.target.up\",\"target\":\"secondary\",\"address\":"
            "\"[2001:db8::10]:5070\",\"transport\":\"tcp\"}\n");
}

TEST(SipWording, TargetLogLinesNameTheConfiguredTargetWithItsProbedPort) {
  const IosLogLine d = sip_target_log_line(down(FailureReason::timeout));
  EXPECT_EQ(d.severity, 5);
  EXPECT_EQ(d.text, "%SIP-5-KEEPALIVE: Keepalive target ipv4:127.0.0.1:5060 udp is DOWN (timeout)");
  const SipTargetChange up{"primary", target("dns:sip.example.com", Transport::tls),
                           "192.0.2.1:5061", true, FailureReason::timeout};
  const IosLogLine u = sip_target_log_line(up);
  EXPECT_EQ(u.severity, 5);
  EXPECT_EQ(u.text, "%SIP-5-KEEPALIVE: Keepalive target dns:sip.example.com tls is UP");
}

TEST(SipWording, VoicePortBusyoutAndUnbusy) {
  const auto port = *config::VoicePortId::parse("0/1/2");
  EXPECT_EQ(json(voice_port_event(port, true)),
            "{\"event\":\"voice-port.busyout\",\"port\":\"0/1/2\"}\n");
  EXPECT_EQ(json(voice_port_event(port, false)),
            "{\"event\":\"voice-port.unbusy\",\"port\":\"0/1/2\"}\n");
  EXPECT_EQ(voice_port_log_line(port, true).text,
            "%VOICE-5-BUSYOUT: voice-port 0/1/2 busied out (keepalive)");
  EXPECT_EQ(voice_port_log_line(port, false).text,
            "%VOICE-5-BUSYOUT: voice-port 0/1/2 no longer busied out");
  EXPECT_EQ(voice_port_log_line(port, false).severity, 5);
}

TEST(SipWording, AttemptLineSaysOkOrTheReasonAndMinusOneWithoutRtt) {
  const IosLogLine ok =
      sip_attempt_log_line("primary", "127.0.0.1:5060", Transport::udp,
                           AttemptOutcome::succeeded(200, std::chrono::microseconds(1234)),
                           keepalive::TargetState::up, 1);
  EXPECT_EQ(ok.severity, 7);
  EXPECT_EQ(ok.text,
            "%SIP-7-KEEPALIVE_ATTEMPT: target primary 127.0.0.1:5060 udp ok status 200 rtt 1234 "
            "us state up successes 1");
  const IosLogLine failed = sip_attempt_log_line("secondary", "127.0.0.1:5070", Transport::tls,
                                                 AttemptOutcome::failed(FailureReason::refused),
                                                 keepalive::TargetState::down, 0);
  EXPECT_EQ(failed.text,
            "%SIP-7-KEEPALIVE_ATTEMPT: target secondary 127.0.0.1:5070 tls refused status 0 rtt -1 "
            "us state down successes 0");
}

TEST(SipWording, InternalErrorIsSeverityThree) {
  const IosLogLine l = sip_internal_error_log_line("impossible-event: result in up_waiting");
  EXPECT_EQ(l.severity, 3);
  EXPECT_EQ(l.text, "%SIP-3-KEEPALIVE: internal error: impossible-event: result in up_waiting");
}

}  // namespace
}  // namespace gw::daemon
