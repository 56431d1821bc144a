// ServerGroupKeepaliveService with fake probers on a FakeClock: one OPTIONS stream per member
// shared by the dial-peers of a (group, profile), active/partial/busyout, the events, a shut
// group, and live changes that restart only the streams that changed.
#include "services/dial_peer/server_group_keepalive_service.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <map>

#include "config/config_diff.hpp"
#include "dial_peer_configs.hpp"
#include "service_fakes.hpp"

namespace gw::daemon {
namespace {

using keepalive::AttemptOutcome;
using keepalive::FailureReason;
using test::FakeProber;
using test::load;
using test::Script;

// Two groups; dial-peers 100 and 101 share group 1 with profile 1 (three members), 200 uses
// group 2 with the same profile, 300 group 1 with profile 2. up 10 s, down 5 s, retry 1.
const char* const kConfig =
    "voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n retry 1\n!\n"
    "voice class sip-options-keepalive 2\n up-interval 10\n down-interval 5\n retry 1\n!\n"
    "voice class server-group 1\n ipv4 127.0.0.1 port 5061\n ipv4 127.0.0.1 port 5062\n"
    " ipv4 127.0.0.1 port 5063\n!\n"
    "voice class server-group 2\n ipv4 127.0.0.1 port 5071\n!\n"
    "dial-peer voice 100 voip\n session server-group 1\n voice-class sip options-keepalive "
    "profile 1\n!\n"
    "dial-peer voice 101 voip\n session server-group 1\n voice-class sip options-keepalive "
    "profile 1\n!\n"
    "dial-peer voice 200 voip\n session server-group 2\n voice-class sip options-keepalive "
    "profile 1\n!\n"
    "dial-peer voice 300 voip\n session server-group 1\n voice-class sip options-keepalive "
    "profile 2\n";

AttemptOutcome timeout() {
  return AttemptOutcome::failed(FailureReason::timeout);
}

class ServerGroupServiceTest : public ::testing::Test {
 protected:
  ServerGroupServiceTest() : log_(open_memstream(&log_buf_, &log_len_)), logger_(log_, false) {}
  ~ServerGroupServiceTest() override {
    service_.reset();
    std::fclose(log_);
    std::free(log_buf_);
  }

  void make(const std::string& text) {
    config_ = load(text);
    service_ = std::make_unique<ServerGroupKeepaliveService>(
        io_, config_, 1.0,
        [this](const config::KeepaliveTarget& t) -> std::unique_ptr<TargetProber> {
          ++probers_made_;
          Script& s = scripts_[*t.server.port];
          s.clock = &clock_;
          ++streams_per_port_[*t.server.port];
          return std::make_unique<FakeProber>(io_, s,
                                              "127.0.0.1:" + std::to_string(*t.server.port));
        },
        sink_, logger_, &clock_);
  }
  void run_for(Duration d) {
    for (Duration done{}; done < d; done += std::chrono::milliseconds(1)) {
      clock_.advance(std::chrono::milliseconds(1));
      service_->poll();
      io_.restart();
      io_.poll();
    }
  }
  void reconfigure(const std::string& text) {
    config::Config next = load(text);
    const ConfigDiff diff = diff_config(config_, next);
    config_ = std::move(next);
    service_->reconfigure(config_, diff);
  }
  std::size_t count(const std::string& line) const {
    std::size_t n = 0;
    for (const auto& l : sink_.lines) n += l == line;
    return n;
  }
  std::string log() {
    std::fflush(log_);
    return std::string(log_buf_, log_len_);
  }
  DaemonSnapshot snap() const {
    DaemonSnapshot s;
    service_->snapshot(s);
    return s;
  }

  asio::io_context io_;
  FakeClock clock_;
  test::RecordingSink sink_;
  char* log_buf_ = nullptr;
  std::size_t log_len_ = 0;
  std::FILE* log_;
  Logger logger_;
  std::map<int, Script> scripts_;
  std::map<int, int> streams_per_port_;
  int probers_made_ = 0;
  config::Config config_;
  std::unique_ptr<ServerGroupKeepaliveService> service_;
};

TEST_F(ServerGroupServiceTest, OneStreamPerMemberAndProfileSharedByItsDialPeers) {
  make(kConfig);
  ASSERT_TRUE(service_->start().ok());
  // group 1 x profile 1 (100, 101): 3; group 2 x profile 1 (200): 1; group 1 x profile 2: 3.
  EXPECT_EQ(service_->streams(), 7u);
  EXPECT_EQ(probers_made_, 7);
  EXPECT_EQ(streams_per_port_[5061], 2) << "one per profile, not one per dial-peer";
  run_for(std::chrono::seconds(25));
  // Attempts at about 0, 10, 20 s: three per stream, so six on a member of both profiles.
  EXPECT_EQ(scripts_[5061].attempts, 6);
  EXPECT_EQ(scripts_[5071].attempts, 3);
  EXPECT_TRUE(sink_.lines.empty());
  EXPECT_EQ(service_->state(100), GroupPeerState::active);
  EXPECT_FALSE(service_->state(999));
  EXPECT_NE(log().find("%SIP-6-SERVER_GROUP: OPTIONS keepalive started for 7 server-group "
                       "members of 4 dial-peers"),
            std::string::npos);
}

TEST_F(ServerGroupServiceTest, PartialThenBusyoutThenBackToPartial) {
  // Only profile 1 uses group 1 here.
  const std::string text =
      "voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n retry 1\n!\n"
      "voice class server-group 1\n ipv4 127.0.0.1 port 5061\n ipv4 127.0.0.1 port 5062\n!\n"
      "dial-peer voice 100 voip\n session server-group 1\n voice-class sip options-keepalive "
      "profile 1\n!\ndial-peer voice 101 voip\n session server-group 1\n voice-class sip "
      "options-keepalive profile 1\n";
  scripts_[5061].outcomes = {timeout(), timeout(), timeout(), timeout(), timeout()};
  scripts_[5062].outcomes = {AttemptOutcome::succeeded(200), timeout(), timeout()};
  make(text);
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::milliseconds(100));
  EXPECT_EQ(service_->state(100), GroupPeerState::partial);
  EXPECT_EQ(count("server-group.member.down group=1 address=127.0.0.1:5061 transport=udp "
                  "reason=timeout"),
            1u);
  EXPECT_EQ(count("dial-peer.down dial_peer=100 address=127.0.0.1:5061 transport=udp "
                  "reason=timeout"),
            0u);
  // The member's verdict as Kamailio's dispatcher asks for it (events' names).
  EXPECT_FALSE(service_->member_up(1, "127.0.0.1:5061", Transport::udp));
  EXPECT_TRUE(service_->member_up(1, "127.0.0.1:5062", Transport::udp));
  EXPECT_TRUE(service_->member_up(1, "127.0.0.1:5061", Transport::tcp)) << "not probed";
  EXPECT_TRUE(service_->member_up(2, "127.0.0.1:5061", Transport::udp)) << "not probed";
  run_for(std::chrono::seconds(11));  // 5062 fails at 10 s: every member down
  EXPECT_EQ(service_->state(100), GroupPeerState::busyout);
  EXPECT_EQ(service_->state(101), GroupPeerState::busyout);
  EXPECT_EQ(count("dial-peer.down dial_peer=100 address=127.0.0.1:5062 transport=udp "
                  "reason=timeout"),
            1u);
  EXPECT_EQ(count("dial-peer.down dial_peer=101 address=127.0.0.1:5062 transport=udp "
                  "reason=timeout"),
            1u);
  EXPECT_EQ(snap().server_groups->busyout, 2u);
  // 5062 answers again at its third attempt (down-interval 5 s): back to partial, dial-peer.up.
  run_for(std::chrono::seconds(12));
  EXPECT_EQ(service_->state(100), GroupPeerState::partial);
  EXPECT_EQ(count("server-group.member.up group=1 address=127.0.0.1:5062 transport=udp"), 1u);
  EXPECT_TRUE(service_->member_up(1, "127.0.0.1:5062", Transport::udp));
  EXPECT_EQ(count("dial-peer.up dial_peer=100 address=127.0.0.1:5062 transport=udp"), 1u);
  EXPECT_EQ(count("dial-peer.up dial_peer=101 address=127.0.0.1:5062 transport=udp"), 1u);
  EXPECT_NE(log().find("%SIP-5-DIALPEER_STATUS: dial-peer 100 server-group 1 OPTIONS keepalive "
                       "status changed to BUSYOUT"),
            std::string::npos);
  EXPECT_NE(log().find("%SIP-5-SERVER_GROUP_MEMBER: server-group 1 member 127.0.0.1:5061 udp "
                       "OPTIONS keepalive status changed to DOWN (timeout)"),
            std::string::npos);
  const auto s = snap();
  EXPECT_EQ(s.server_groups->dial_peers.at(101), GroupPeerState::partial);
  EXPECT_EQ(s.server_groups->partial, 2u);
  EXPECT_EQ(s.server_groups->members_down, 1u);
}

TEST_F(ServerGroupServiceTest, AShutGroupIsNotProbedAndItsDialPeersAreBusyout) {
  std::string text = kConfig;
  text += "voice class server-group 2\n shutdown\n";
  make(text);
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::seconds(1));
  EXPECT_EQ(scripts_.count(5071), 0u);
  EXPECT_EQ(service_->state(200), GroupPeerState::busyout);
  EXPECT_EQ(service_->state(100), GroupPeerState::active);
  EXPECT_EQ(snap().server_groups->groups.at(2).probes.size(), 0u);
}

TEST_F(ServerGroupServiceTest, ALiveChangeRestartsOnlyTheStreamsThatChanged) {
  make(kConfig);
  ASSERT_TRUE(service_->start().ok());
  run_for(std::chrono::seconds(1));
  EXPECT_EQ(probers_made_, 7);
  // A fourth member in group 2; group 1 untouched.
  reconfigure(std::string(kConfig) + "voice class server-group 2\n ipv4 127.0.0.1 port 5072\n");
  EXPECT_EQ(probers_made_, 8) << "only the new member's stream starts";
  EXPECT_NE(log().find("%SIP-6-SERVER_GROUP: OPTIONS keepalive started for 1 server-group "
                       "member, stopped for 0, 7 kept"),
            std::string::npos)
      << log();
  EXPECT_EQ(service_->streams(), 8u);
  run_for(std::chrono::seconds(1));
  EXPECT_EQ(scripts_[5072].attempts, 1);
  EXPECT_EQ(scripts_[5061].attempts, 2) << "kept streams keep their schedule";
  // Profile 2 changes: group 1's profile-2 streams restart, nothing else.
  std::string changed = std::string(kConfig) +
                        "voice class server-group 2\n ipv4 127.0.0.1 port 5072\n"
                        "voice class sip-options-keepalive 2\n up-interval 20\n";
  reconfigure(changed);
  EXPECT_EQ(probers_made_, 11);
  // A dial-peer leaves its group: its set goes when it was the only one.
  reconfigure(changed + "dial-peer voice 300 voip\n no session server-group\n");
  EXPECT_EQ(service_->streams(), 5u);
  EXPECT_FALSE(service_->state(300));
  service_->stop();
}

}  // namespace
}  // namespace gw::daemon
