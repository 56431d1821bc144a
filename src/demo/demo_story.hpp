// DemoStory: the script of `gatewatch demo`. A list of steps, each waiting for one expected
// event (or none, for the opening step) and then, a number of "beats" later, narrating and
// acting (stop/start a SIP responder, a ccm-sim command). Events arrive through on_event();
// every event is printed on the timeline; expected events advance the story in order.
// Contract:
// - Runs on one io_context thread (the demo's); on_event() must be called on it (post).
// - A step that waits longer than `step_timeout` fails the story; finish(ok) is called
//   exactly once (story complete, or failed), then nothing more happens.
// - Bounded: the steps are fixed; event counts are kept per event name only.
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "demo/demo_timeline.hpp"
#include "report/event.hpp"

namespace gw::daemon {

struct DemoStep {
  std::optional<Expectation> wait;  // none: act right after the previous step
  double beats = 0;                 // delay before `say` and `act`
  std::string say;                  // narration ("" none)
  std::function<void()> act;        // may be empty
};

class DemoStory {
 public:
  using Clock = std::chrono::steady_clock;
  DemoStory(asio::io_context& io, std::vector<DemoStep> steps, double beat_seconds,
            double step_timeout_seconds, std::FILE* out, bool colour,
            std::function<void(bool)> finish);

  void start();
  void on_event(const Event& e);
  void note(const std::string& text);  // a narration line now

  double elapsed() const;
  std::size_t matched() const { return matched_; }
  std::size_t expected() const;
  const std::map<std::string, std::uint64_t>& counts() const { return counts_; }
  // "sip.target.down target=primary" of the step that timed out, when one did.
  const std::string& missed() const { return missed_; }
  // Seconds since start at which each expected event was seen (in order).
  const std::vector<std::pair<std::string, double>>& seen() const { return seen_; }

 private:
  void enter(std::size_t i);
  // After step `at`'s beats: its narration and action, then (if `advance`) the next step.
  void act_after_beats(std::size_t at, bool advance);
  void arm_timeout();
  void done(bool ok);

  asio::io_context& io_;
  std::vector<DemoStep> steps_;
  double beat_;
  double step_timeout_;
  std::FILE* out_;
  bool colour_;
  std::function<void(bool)> finish_;
  Clock::time_point t0_{};
  std::size_t index_ = 0;
  std::size_t matched_ = 0;
  bool finished_ = false;
  asio::steady_timer timeout_;
  std::vector<std::unique_ptr<asio::steady_timer>> action_timers_;
  std::map<std::string, std::uint64_t> counts_;
  std::vector<std::pair<std::string, double>> seen_;
  std::string missed_;
};

}  // namespace gw::daemon
