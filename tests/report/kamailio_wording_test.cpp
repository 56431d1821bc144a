// Kamailio wording: the events of design.md, field for field, and the IOS-style log lines.
#include "report/kamailio_wording.hpp"

#include <gtest/gtest.h>

namespace gw::daemon {
namespace {

namespace se = kamailio::sync_event;

TEST(KamailioWording, DispatcherSetEvent) {
  auto e =
      kamailio_event(se::SetApplied{{1, "sip:127.0.0.1:5081"}, kamailio::DsState::inactive, 100});
  ASSERT_TRUE(e);
  EXPECT_EQ(format_event_line(*e, WallClock::time_point{}),
            R"({"ts":"1970-01-01T00:00:00.000Z","event":"kamailio.dispatcher.set","set":1,)"
            R"("uri":"sip:127.0.0.1:5081","state":"i","dial_peer":100})"
            "\n");
}

TEST(KamailioWording, RpcDownAndUp) {
  auto down = kamailio_event(se::RpcDown{"Connection"});
  ASSERT_TRUE(down);
  EXPECT_EQ(down->name, "kamailio.rpc.down");
  ASSERT_EQ(down->fields.size(), 1u);
  EXPECT_EQ(down->fields[0].first, "error");
  auto up = kamailio_event(se::RpcUp{});
  ASSERT_TRUE(up);
  EXPECT_EQ(up->name, "kamailio.rpc.up");
  EXPECT_TRUE(up->fields.empty());
  EXPECT_FALSE(kamailio_event(se::Missing{{1, "sip:a:5060"}, 7}));
}

TEST(KamailioWording, LogLines) {
  const std::string url = "http://127.0.0.1:5071/RPC";
  EXPECT_EQ(
      kamailio_log_line(se::SetApplied{{2, "sip:h:5060"}, kamailio::DsState::active, 9}, url).text,
      "%GATEWATCH-5-KAMAILIO_DISPATCHER: dispatcher set 2 destination sip:h:5060 is now "
      "active (dial-peer 9)");
  auto down = kamailio_log_line(se::RpcDown{"Connection"}, url);
  EXPECT_EQ(down.severity, 3);
  EXPECT_EQ(down.text,
            "%GATEWATCH-3-KAMAILIO_RPC: Kamailio RPC http://127.0.0.1:5071/RPC is DOWN "
            "(Connection)");
  EXPECT_EQ(kamailio_log_line(se::Missing{{1, "sip:a:5060"}, 7}, url).severity, 4);
  const auto note = kamailio_note_log_line("dial-peer 7: kamailio dispatcher set 1 has no URI");
  EXPECT_EQ(note.severity, 4);
  EXPECT_EQ(note.text,
            "%GATEWATCH-4-KAMAILIO_PLAN: dial-peer 7: kamailio dispatcher set 1 has no URI");
}

}  // namespace
}  // namespace gw::daemon
