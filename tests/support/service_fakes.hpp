// Fakes shared by the service tests (RecordingSink: recording_sink.hpp). FakeProber: a
// TargetProber that plays its Script's outcomes (then 200 forever), each delivered through the
// io_context (never inside attempt()); cancel() drops the pending one. Not thread-safe: use and
// read on the test's thread (or after joining).
#pragma once
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "base/time.hpp"
#include "keepalive/outcome.hpp"
#include "recording_sink.hpp"
#include "services/target_prober.hpp"

namespace gw::daemon::test {

struct Script {
  std::deque<keepalive::AttemptOutcome> outcomes;  // then 200 forever
  int attempts = 0;
  const Clock* clock = nullptr;  // set: the time of every attempt goes into `times`
  std::vector<TimePoint> times;
};

class FakeProber : public TargetProber {
 public:
  FakeProber(asio::io_context& io, Script& script, std::string address)
      : io_(io), script_(script), address_(std::move(address)) {}
  Status<> attempt(const net::SipProbeParams&, Done done) override {
    ++script_.attempts;
    if (script_.clock) script_.times.push_back(script_.clock->now());
    keepalive::AttemptOutcome o =
        keepalive::AttemptOutcome::succeeded(200, std::chrono::milliseconds(1));
    if (!script_.outcomes.empty()) {
      o = script_.outcomes.front();
      script_.outcomes.pop_front();
    }
    asio::post(io_, [alive = std::weak_ptr<int>(alive_), done, o] {
      if (!alive.expired()) done(o);
    });
    return Ok{};
  }
  void cancel() override { alive_ = std::make_shared<int>(0); }
  std::string address() const override { return address_; }

 private:
  asio::io_context& io_;
  Script& script_;
  std::string address_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace gw::daemon::test
