// NotifyRunner: real child processes (small shell scripts written by the test) on a real
// io_context, run until a condition holds or a deadline passes.
#include "ops/notify_runner.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>

namespace gw::daemon {
namespace {

class NotifyRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/gw-notify-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }

  std::string script(const std::string& name, const std::string& body) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    ::chmod(path.c_str(), 0755);
    return path;
  }
  // Runs the io_context until pred() or `limit` elapsed; true when pred() held.
  bool run_until(const std::function<bool()>& pred, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!pred() && std::chrono::steady_clock::now() < end) {
      io_.restart();
      io_.run_for(std::chrono::milliseconds(10));
    }
    return pred();
  }
  std::string slurp(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }

  std::string dir_;
  asio::io_context io_;
  Logger logger_{nullptr};
};

Event down_event() {
  return Event{names::kSipTargetDown, {}}
      .with("target", "primary")
      .with("address", "127.0.0.1:5060")
      .with("transport", "udp")
      .with("reason", "timeout");
}

TEST_F(NotifyRunnerTest, ProgramGetsTheEventJsonLineOnStdin) {
  NotifyOptions o;
  o.program = script("hook", "cat > " + dir_ + "/got");
  NotifyRunner r(io_, o, logger_);
  r.notify(down_event());
  ASSERT_TRUE(run_until([&] { return r.stats().succeeded == 1; }, std::chrono::seconds(5)));
  const std::string got = slurp(dir_ + "/got");
  EXPECT_EQ(got.rfind("{\"ts\":\"", 0), 0u) << got;
  EXPECT_NE(
      got.find(
          "\"event\":\"sip.target.down\",\"target\":\"primary\",\"address\":\"127.0.0.1:5060\","
          "\"transport\":\"udp\",\"reason\":\"timeout\"}\n"),
      std::string::npos)
      << got;
  EXPECT_EQ(r.stats().running, 0u);
}

TEST_F(NotifyRunnerTest, NotifyReturnsAtOnceWhileProgramsHang) {
  NotifyOptions o;
  o.program = script("hang", "exec sleep 30");
  o.timeout = std::chrono::seconds(5);
  NotifyRunner r(io_, o, logger_);
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) r.notify(down_event());
  const auto took = std::chrono::steady_clock::now() - t0;
  EXPECT_LT(took, std::chrono::milliseconds(200));
  EXPECT_EQ(r.stats().running, 4u);
  EXPECT_EQ(r.stats().queued, 16u);
  r.stop();  // kills and reaps the four
  EXPECT_EQ(r.stats().running, 0u);
  EXPECT_EQ(r.stats().queued, 0u);
}

TEST_F(NotifyRunnerTest, HungProgramIsKilledAfterTheTimeoutWithItsChildren) {
  NotifyOptions o;
  o.program = script("hang", "sleep 30 & echo $! > " + dir_ + "/child; wait");
  o.timeout = std::chrono::milliseconds(300);
  NotifyRunner r(io_, o, logger_);
  r.notify(down_event());
  ASSERT_TRUE(run_until([&] { return r.stats().timed_out == 1; }, std::chrono::seconds(5)));
  EXPECT_EQ(r.stats().running, 0u);
  const int child = std::atoi(slurp(dir_ + "/child").c_str());
  ASSERT_GT(child, 0);
  // The grandchild (sleep) was in the program's process group: killed too.
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
    std::string s;
    std::getline(stat, s);
    gone = !stat || s.find(") Z ") != std::string::npos;
    if (!gone) ::usleep(10000);
  }
  EXPECT_TRUE(gone);
}

TEST_F(NotifyRunnerTest, FullQueueDropsAndCounts) {
  NotifyOptions o;
  o.program = script("slow", "cat >/dev/null; sleep 0.2");
  o.max_running = 1;
  o.max_queue = 2;
  NotifyRunner r(io_, o, logger_);
  for (int i = 0; i < 5; ++i) r.notify(down_event());
  EXPECT_EQ(r.stats().dropped, 2u);
  ASSERT_TRUE(run_until([&] { return r.stats().succeeded == 3; }, std::chrono::seconds(5)));
  EXPECT_EQ(r.stats().started, 3u);
}

TEST_F(NotifyRunnerTest, FloodingOutputIsDrainedAndDiscarded) {
  NotifyOptions o;
  o.program = script("flood", "head -c 20000000 /dev/zero; exit 0");
  NotifyRunner r(io_, o, logger_);
  r.notify(down_event());
  ASSERT_TRUE(run_until([&] { return r.stats().succeeded == 1; }, std::chrono::seconds(10)));
}

TEST_F(NotifyRunnerTest, FailingAndMissingProgramsAreCountedFailed) {
  NotifyOptions o;
  o.program = script("fails", "echo oops; exit 3");
  NotifyRunner r(io_, o, logger_);
  r.notify(down_event());
  ASSERT_TRUE(run_until([&] { return r.stats().failed == 1; }, std::chrono::seconds(5)));
  NotifyOptions m;
  m.program = dir_ + "/does-not-exist";
  NotifyRunner missing(io_, m, logger_);
  missing.notify(down_event());
  EXPECT_EQ(missing.stats().failed, 1u);
  EXPECT_EQ(missing.stats().running, 0u);
}

}  // namespace
}  // namespace gw::daemon
