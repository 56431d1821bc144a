#include "demo/demo.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <asio/executor_work_guard.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/post.hpp>
#include <chrono>
#include <thread>

#include "config/loader.hpp"
#include "daemon/daemon.hpp"
#include "demo/demo_sip_responder.hpp"
#include "demo/demo_story.hpp"
#include "ops/child_process.hpp"

namespace gw::daemon {

namespace {

struct Pacing {
  double scale;         // --time-scale of the daemon
  double beat;          // seconds between a step and its action
  double step_timeout;  // seconds an expected event may take
};

template <class Socket>
std::uint16_t free_port(asio::io_context& io) {
  Socket s(io);
  std::error_code ec;
  s.open(Socket::protocol_type::v4(), ec);
  if (!ec) s.bind({asio::ip::address_v4::loopback(), 0}, ec);
  if (ec) return 0;
  return s.local_endpoint(ec).port();
}

// ccm-sim as a child: commands on its stdin, its output drained and discarded (bounded).
class CcmSim {
 public:
  ~CcmSim() { stop(); }
  Status<> start(const std::string& path, std::uint16_t p1, std::uint16_t p2, int interval) {
    auto c =
        spawn_child({path, "--listen", fmt::format("127.0.0.1:{}", p1), "--listen",
                     fmt::format("127.0.0.1:{}", p2), "--keepalive-interval",
                     std::to_string(interval), "--secondary-interval", std::to_string(interval)});
    if (!c) return Unexpected<Error>{c.error()};
    child_ = *c;
    // Wait (bounded) for "ccm-sim ready".
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (seen.find("ccm-sim ready") == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline)
        return fail("spawn", "ccm-sim did not get ready: " + seen);
      pollfd p{child_.output_fd, POLLIN, 0};
      ::poll(&p, 1, 100);
      std::array<char, 1024> buf{};
      const auto n = ::read(child_.output_fd, buf.data(), buf.size());
      if (n == 0) return fail("spawn", "ccm-sim exited: " + seen);
      if (n > 0 && seen.size() < 4096) seen.append(buf.data(), static_cast<std::size_t>(n));
    }
    return Ok{};
  }
  void drain(asio::io_context& io) {
    if (child_.output_fd < 0) return;
    out_.emplace(io, child_.output_fd);
    child_.output_fd = -1;
    read();
  }
  void command(const std::string& line) {
    if (child_.stdin_fd < 0) return;
    const std::string l = line + "\n";
    [[maybe_unused]] auto n =
        ::write(child_.stdin_fd, l.data(), l.size());  // a few bytes: fits the pipe
  }
  void stop() {
    if (out_) {
      std::error_code ignored;
      out_->close(ignored);
      out_.reset();
    }
    if (child_.stdin_fd >= 0) ::close(child_.stdin_fd);
    if (child_.output_fd >= 0) ::close(child_.output_fd);
    child_.stdin_fd = child_.output_fd = -1;
    if (child_.pid > 0) {
      ::kill(child_.pid, SIGTERM);
      for (int i = 0; i < 100 && !reap_child(child_.pid); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (!reap_child(child_.pid)) {
        ::kill(child_.pid, SIGKILL);
        while (!reap_child(child_.pid)) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      child_.pid = -1;
    }
  }

 private:
  void read() {
    out_->async_read_some(asio::buffer(buf_), [this](const std::error_code& ec, std::size_t) {
      if (!ec && out_) read();
    });
  }
  ChildProcess child_;
  std::optional<asio::posix::stream_descriptor> out_;
  std::array<char, 4096> buf_{};
};

std::string demo_config(std::uint16_t sip1, std::uint16_t sip2, std::uint16_t ccm1,
                        std::uint16_t ccm2, bool sccp) {
  std::string c =
      "hostname gatewatch-demo\n"
      "voice-port 0/0/0\n busyout monitor keepalive\n description demo phone A\n!\n"
      "voice-port 0/0/1\n busyout monitor keepalive\n description demo phone B\n!\n";
  if (sccp) {
    c += fmt::format(
        "sccp ccm 127.0.0.1 identifier 1 port {} version 7.0\n"
        "sccp ccm 127.0.0.1 identifier 2 port {} version 7.0\n"
        "sccp\n!\n"
        "sccp ccm group 1\n associate ccm 1 priority 1\n associate ccm 2 priority 2\n"
        " associate profile 1 register CFB-DEMO\n keepalive retries 2\n keepalive timeout 5\n"
        " switchback method immediate\n!\n"
        "dspfarm profile 1 conference\n maximum sessions 2\n associate application SCCP\n!\n",
        ccm1, ccm2);
  }
  c += fmt::format(
      "sip-ua\n keepalive target ipv4:127.0.0.1:{}\n keepalive target ipv4:127.0.0.1:{} secondary\n"
      " keepalive trigger 3\n timers keepalive active 10 down 2\n retry keepalive 1\n",
      sip1, sip2);
  return c;
}

Expectation expect(std::string event, std::vector<std::pair<std::string, std::string>> fields) {
  return Expectation{std::move(event), std::move(fields)};
}

}  // namespace

int run_demo(const DemoOptions& o) {
  const Pacing pace = o.quick ? Pacing{0.025, 0.25, 10} : Pacing{0.1, 1.2, 20};
  std::FILE* out = o.out;
  asio::io_context peers;  // responders, ccm-sim output, the story: the demo thread
  const auto sip1 = free_port<asio::ip::udp::socket>(peers);
  const auto sip2 = free_port<asio::ip::udp::socket>(peers);
  const auto ccm1 = free_port<asio::ip::tcp::socket>(peers);
  const auto ccm2 = free_port<asio::ip::tcp::socket>(peers);
  if (!sip1 || !sip2 || !ccm1 || !ccm2) {
    fmt::print(out, "% demo: no free loopback port\n");
    return 3;
  }
  const auto lo = asio::ip::address_v4::loopback();
  DemoSipResponder primary(peers, {lo, sip1});
  DemoSipResponder secondary(peers, {lo, sip2});
  for (auto* r : {&primary, &secondary}) {
    if (auto s = r->start(); !s) {
      fmt::print(out, "% demo: {}\n", s.error().message);
      return 3;
    }
  }

  CcmSim sim;
  std::string sccp_note;
  bool sccp = !o.ccm_sim.empty() && ::access(o.ccm_sim.c_str(), X_OK) == 0;
  if (!sccp)
    sccp_note = "ccm-sim not found" + (o.ccm_sim.empty() ? std::string() : " at " + o.ccm_sim);
  if (sccp) {
    if (auto s = sim.start(o.ccm_sim, ccm1, ccm2, 5); !s) {
      fmt::print(out, "% demo: {}\n", s.error().message);
      return 3;
    }
  }

  auto loaded = config::load_config_text(demo_config(sip1, sip2, ccm1, ccm2, sccp));
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) fmt::print(out, "{}", config::format_diagnostic("demo", d));
    return 3;
  }

  DaemonOptions dopt;
  dopt.config = loaded.config;
  dopt.time_scale = pace.scale;
  dopt.events = o.events;
  dopt.log_file = nullptr;  // the timeline is the output
  DemoStory* story_ptr = nullptr;
  dopt.observers.push_back([&peers, &story_ptr](const Event& e) {
    asio::post(peers, [e, &story_ptr] {
      if (story_ptr) story_ptr->on_event(e);
    });
  });
  auto daemon = Daemon::create(dopt);
  if (!daemon) {
    fmt::print(out, "% demo: {}\n", daemon.error().message);
    return 3;
  }
  Daemon& d = **daemon;
  if (sccp && !d.snapshot().sccp) {
    sccp = false;
    sccp_note = "this build's daemon has no SCCP service";
  }

  // The story.
  const std::string a = fmt::format("127.0.0.1:{}", sip1), b = fmt::format("127.0.0.1:{}", sip2);
  std::vector<DemoStep> steps;
  const auto step = [&](std::optional<Expectation> wait, double beats = 0, std::string say = "",
                        std::function<void()> act = {}) {
    steps.push_back(DemoStep{std::move(wait), beats, std::move(say), std::move(act)});
  };
  auto stop_primary = [&] { primary.stop(); };
  auto opening = fmt::format("primary SIP server {} stops answering OPTIONS", a);
  if (sccp) {
    step(expect(names::kSccpCcmRegistered, {{"group", "1"}, {"ccm", "1"}}), 2, opening,
         stop_primary);
  } else {
    step(std::nullopt, 2, opening, stop_primary);
  }
  step(expect(names::kSipTargetDown, {{"target", "primary"}, {"reason", "timeout"}}), 1.5,
       fmt::format("voice ports stay in service: the secondary {} still answers. Now it stops too",
                   b),
       [&] { secondary.stop(); });
  step(expect(names::kSipTargetDown, {{"target", "secondary"}, {"reason", "timeout"}}));
  step(expect(names::kVoicePortBusyout, {{"port", "0/0/0"}}));
  step(expect(names::kVoicePortBusyout, {{"port", "0/0/1"}}), 2,
       "the primary returns; it counts as up after `keepalive trigger 3` answers in a row",
       [&] { (void)primary.start(); });
  step(expect(names::kSipTargetUp, {{"target", "primary"}}));
  step(expect(names::kVoicePortUnbusy, {{"port", "0/0/0"}}));
  step(expect(names::kVoicePortUnbusy, {{"port", "0/0/1"}}), 1, "the secondary returns too",
       [&] { (void)secondary.start(); });
  if (sccp) {
    step(expect(names::kSipTargetUp, {{"target", "secondary"}}), 1.5,
         "CallManager 1 (active) stops acknowledging KeepAlives", [&] { sim.command("silent 1"); });
    step(expect(names::kSccpCcmDown, {{"group", "1"}, {"ccm", "1"}, {"reason", "keepalive"}}));
    step(expect(names::kSccpSwitchover, {{"group", "1"}, {"from", "1"}, {"to", "2"}}), 2,
         "CallManager 1 answers again; `switchback method immediate`",
         [&] { sim.command("ack 1"); });
    step(expect(names::kSccpSwitchback, {{"group", "1"}, {"from", "2"}, {"to", "1"}}));
  } else {
    step(expect(names::kSipTargetUp, {{"target", "secondary"}}));
  }

  bool ok = false;
  bool finished = false;
  DemoStory story(peers, std::move(steps), pace.beat, pace.step_timeout, out, o.colour,
                  [&](bool result) {
                    ok = result;
                    finished = true;
                    d.request_stop();
                  });
  auto work = asio::make_work_guard(peers);
  if (sccp) sim.drain(peers);
  fmt::print(
      out,
      "gatewatch demo{}: SIP servers primary {} and secondary {} (embedded responders){}; "
      "voice ports 0/0/0, 0/0/1 with busyout monitor keepalive; time scale {}\n",
      o.quick ? " --quick" : "", a, b,
      sccp ? fmt::format(", CallManagers 1 127.0.0.1:{} and 2 127.0.0.1:{} (ccm-sim)", ccm1, ccm2)
           : "",
      pace.scale);
  if (!sccp) fmt::print(out, "SCCP chapter skipped: {}\n", sccp_note);
  std::fflush(out);
  asio::post(peers, [&] {
    story_ptr = &story;
    story.start();
  });
  std::thread peer_thread([&peers] { peers.run(); });
  auto run = d.run();

  // Interrupted (SIGINT/SIGTERM) or the story ended: finish on the demo thread, then stop it.
  asio::post(peers, [&] {
    if (!finished) story.note("interrupted");
    finished = true;
    story_ptr = nullptr;
    primary.stop();
    secondary.stop();
    sim.stop();
    work.reset();
    peers.stop();
  });
  peer_thread.join();
  sim.stop();
  if (!run) {
    fmt::print(out, "% demo: {}\n", run.error().message);
    return 3;
  }

  fmt::print(out, "\n{} in {:.1f} s: {}/{} expected events in order{}\n",
             ok ? "Story complete" : "Story NOT complete", story.elapsed(), story.matched(),
             story.expected(), story.missed().empty() ? "" : "; missing: " + story.missed());
  for (const auto& [name, n] : story.counts()) fmt::print(out, "  {:<22} {}\n", name, n);
  fmt::print(out, "  SIP OPTIONS answered by the embedded servers: primary {}, secondary {}\n",
             primary.answered(), secondary.answered());
  if (!sccp) fmt::print(out, "  SCCP chapter skipped: {}\n", sccp_note);
  std::fflush(out);
  return ok ? 0 : 1;
}

}  // namespace gw::daemon
