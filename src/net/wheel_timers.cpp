#include "net/wheel_timers.hpp"

namespace gw::net {

WheelTimers::WheelTimers(asio::io_context& io, Duration tick, std::size_t slots)
    : timer_(io), wheel_(SteadyClock::now(), tick, slots) {}

WheelTimers::~WheelTimers() {
  close();
}

WheelTimers::Handle WheelTimers::schedule(TimePoint at, Callback cb) {
  if (closed_) return Handle{};
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
    callbacks_[slot] = std::move(cb);
  } else {
    slot = static_cast<std::uint32_t>(callbacks_.size());
    callbacks_.push_back(std::move(cb));
  }
  const Handle h = wheel_.schedule(at, slot);
  if (!h.valid()) {
    callbacks_[slot] = nullptr;
    free_.push_back(slot);
    return h;
  }
  if (!armed_for_ || at < *armed_for_) rearm();  // else the armed wake-up comes first
  return h;
}

bool WheelTimers::cancel(Handle h) {
  const auto slot = wheel_.cancel(h);
  if (!slot) return false;
  callbacks_[*slot] = nullptr;
  free_.push_back(*slot);
  return true;  // the asio timer stays armed; an empty wake-up costs one bitmap scan
}

void WheelTimers::close() {
  if (closed_) return;
  closed_ = true;
  alive_.renew();
  timer_.cancel();
  callbacks_.clear();
  free_.clear();
}

void WheelTimers::rearm() {
  const auto w = wheel_.next_wakeup();
  if (!w || (armed_for_ && *armed_for_ <= *w)) return;
  armed_for_ = *w;
  timer_.expires_at(*w);
  Liveness::Token alive = alive_.token();
  timer_.async_wait([this, alive](const std::error_code& ec) {
    if (ec || alive.expired()) return;
    on_expiry();
  });
}

void WheelTimers::on_expiry() {
  armed_for_.reset();
  Liveness::Token alive = alive_.token();
  wheel_.advance(SteadyClock::now(), [this, &alive](std::uint32_t slot, TimePoint) {
    if (alive.expired()) return;
    Callback cb = std::move(callbacks_[slot]);
    callbacks_[slot] = nullptr;
    free_.push_back(slot);
    if (cb) cb();
  });
  if (!alive.expired() && !closed_) rearm();
}

}  // namespace gw::net
