// WheelTimers: any number of one-shot timers on ONE asio::steady_timer, through a pure
// keepalive::TimerWheel (1 ms ticks by default). The prober engine's transaction timers (T1/T2
// retransmissions, attempt deadlines) of every sip-ua target and dial-peer live here, so arming
// and cancelling cost O(1) whatever the number of targets (asio's own timer queue is a heap).
//
// Contract:
// - schedule(at, cb) calls cb once, from the io_context, at or after `at` (late only by the
//   loop's wake-up delay: the wheel is exact), unless cancel() comes first. Returns a handle; the
//   handle of a fired or cancelled timer is stale and cancel() of it returns false.
// - Callbacks may schedule and cancel timers. close() cancels everything; no callback runs
//   after it (nor after destruction).
// - Memory: the wheel's 24 bytes per timer + one std::function per timer, slots reused.
// - Single-threaded (the io_context's thread); the io_context must outlive this object.
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "base/liveness.hpp"
#include "base/time.hpp"
#include "base/timer_wheel.hpp"

namespace gw::net {

class WheelTimers {
 public:
  using Callback = std::function<void()>;
  using Handle = keepalive::TimerWheel::Handle;

  explicit WheelTimers(asio::io_context& io, Duration tick = std::chrono::milliseconds(1),
                       std::size_t slots = 16384);
  ~WheelTimers();
  WheelTimers(const WheelTimers&) = delete;
  WheelTimers& operator=(const WheelTimers&) = delete;

  Handle schedule(TimePoint at, Callback cb);
  bool cancel(Handle h);
  void close();
  std::size_t size() const { return wheel_.size(); }

 private:
  void rearm();
  void on_expiry();

  asio::steady_timer timer_;
  keepalive::TimerWheel wheel_;
  std::vector<Callback> callbacks_;  // by payload
  std::vector<std::uint32_t> free_;  // unused payload slots
  std::optional<TimePoint> armed_for_;
  Liveness alive_;
  bool closed_ = false;
};

}  // namespace gw::net
