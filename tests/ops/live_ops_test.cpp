// LiveOps reload (SIGHUP) on a temporary file: read, checked and diffed on the worker thread,
// applied on the io_context's thread; an invalid file is rejected whole.
#include "ops/live_ops.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "config/loader.hpp"
#include "recording_sink.hpp"

namespace gw::daemon {
namespace {

using test::RecordingSink;  // lines: "config.applied" or "config.rejected error=..."

std::string peers(int port2) {
  return "voice class sip-options-keepalive 1\n!\n"
         "dial-peer voice 1 voip\n session target ipv4:127.0.0.1:6001\n"
         " voice-class sip options-keepalive profile 1\n!\n"
         "dial-peer voice 2 voip\n session target ipv4:127.0.0.1:" +
         std::to_string(port2) + "\n voice-class sip options-keepalive profile 1\n!\n";
}

class LiveOpsReloadTest : public ::testing::Test {
 protected:
  LiveOpsReloadTest() {
    char tmpl[] = "/tmp/gw-live-ops-test.XXXXXX";
    const int fd = ::mkstemp(tmpl);
    ::close(fd);
    path_ = tmpl;
    write(peers(6002));
    auto loaded = config::load_config_text(peers(6002));
    EXPECT_TRUE(loaded.ok());
    LiveHooks hooks;
    hooks.reconfigure = [this](const config::Config&, const ConfigDiff& diff) {
      diffs_.push_back(diff);
      hook_threads_.push_back(std::this_thread::get_id());
    };
    auto ops = LiveOps::create(io_, LiveOptions{std::move(loaded.config), path_, "", ""},
                               std::move(hooks), sink_, logger_);
    EXPECT_TRUE(ops.ok());
    ops_ = std::move(*ops);
  }
  ~LiveOpsReloadTest() override {
    ops_.reset();
    std::remove(path_.c_str());
  }
  void write(const std::string& text) { std::ofstream(path_, std::ios::trunc) << text; }
  bool run_until(std::size_t events) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (sink_.lines.size() < events) {
      if (std::chrono::steady_clock::now() > end) return false;
      io_.restart();
      io_.run_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  asio::io_context io_;
  RecordingSink sink_;
  Logger logger_{nullptr, false};
  std::string path_;
  std::vector<ConfigDiff> diffs_;
  std::vector<std::thread::id> hook_threads_;
  std::unique_ptr<LiveOps> ops_;
};

TEST_F(LiveOpsReloadTest, AValidFileIsReadOffTheIoThreadAndOnlyWhatChangedIsRestarted) {
  write(peers(6009));
  ops_->reload();
  EXPECT_TRUE(sink_.lines.empty());  // nothing is read or applied inside reload()
  ASSERT_TRUE(run_until(1));
  EXPECT_EQ(sink_.lines[0], "config.applied");
  ASSERT_EQ(diffs_.size(), 1u);
  EXPECT_EQ(diffs_[0].dial_peers, (std::vector<long>{2}));
  EXPECT_FALSE(diffs_[0].sip_primary);
  EXPECT_EQ(hook_threads_[0], std::this_thread::get_id());  // applied on the io thread
  EXPECT_EQ(ops_->live_config().dial_peers.at(2).session_target->port, 6009);
}

TEST_F(LiveOpsReloadTest, AnInvalidFileIsRejectedWholeAndTheLiveConfigStays) {
  write(peers(6009) + "dial-peer voice 3 voip\n bogus command\n!\n");
  ops_->reload();
  ASSERT_TRUE(run_until(1));
  EXPECT_EQ(sink_.lines[0],
            "config.rejected error=" + path_ + ":12:2: % Invalid input detected at '^' marker.");
  EXPECT_TRUE(diffs_.empty());
  EXPECT_EQ(ops_->live_config().dial_peers.at(2).session_target->port, 6002);
  EXPECT_EQ(ops_->live_config().dial_peers.count(3), 0u);
}

TEST_F(LiveOpsReloadTest, ASighupDuringAReloadRunsOneMoreAfterIt) {
  write(peers(6009));
  ops_->reload();
  ops_->reload();  // coalesced: runs when the first is applied
  ASSERT_TRUE(run_until(2));
  EXPECT_EQ(sink_.lines, (std::vector<std::string>{"config.applied", "config.applied"}));
  // The second read the same file: the services see it (show commands) with nothing to restart.
  ASSERT_EQ(diffs_.size(), 2u);
  EXPECT_FALSE(diffs_[0].empty());
  EXPECT_TRUE(diffs_[1].empty());
}

TEST_F(LiveOpsReloadTest, AConsoleChangeWhileTheFileIsReadIsDiffedAgainstOnApply) {
  write(peers(6009));
  ops_->reload();
  // The console changes dial-peer 1 before the worker's result is applied: the reload's
  // diff (made against the config of the SIGHUP) is redone against the live one.
  auto console = config::load_config_text(peers(6002) + "dial-peer voice 7 voip\n!\n").config;
  ops_->apply(console);
  ASSERT_EQ(diffs_.size(), 1u);
  EXPECT_EQ(diffs_[0].dial_peers, (std::vector<long>{7}));
  ASSERT_TRUE(run_until(1));
  ASSERT_EQ(diffs_.size(), 2u);
  EXPECT_EQ(diffs_[1].dial_peers, (std::vector<long>{2, 7}));
}

}  // namespace
}  // namespace gw::daemon
