#include "demo/demo_story.hpp"

#include <fmt/format.h>

namespace gw::daemon {

namespace {
std::chrono::steady_clock::duration secs(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s));
}
}  // namespace

DemoStory::DemoStory(asio::io_context& io, std::vector<DemoStep> steps, double beat_seconds,
                     double step_timeout_seconds, std::FILE* out, bool colour,
                     std::function<void(bool)> finish)
    : io_(io),
      steps_(std::move(steps)),
      beat_(beat_seconds),
      step_timeout_(step_timeout_seconds),
      out_(out),
      colour_(colour),
      finish_(std::move(finish)),
      timeout_(io) {}

double DemoStory::elapsed() const {
  return std::chrono::duration<double>(Clock::now() - t0_).count();
}

std::size_t DemoStory::expected() const {
  std::size_t n = 0;
  for (const auto& s : steps_) n += s.wait ? 1 : 0;
  return n;
}

void DemoStory::note(const std::string& text) {
  const std::string line = format_timeline_note(elapsed(), text, colour_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
}

void DemoStory::start() {
  t0_ = Clock::now();
  enter(0);
}

void DemoStory::enter(std::size_t i) {
  index_ = i;
  if (finished_) return;
  if (index_ == steps_.size()) {
    timeout_.cancel();
    timeout_.expires_after(secs(beat_));
    timeout_.async_wait([this](const std::error_code& ec) {
      if (!ec) done(true);
    });
    return;
  }
  const DemoStep& s = steps_[index_];
  if (!s.wait) {
    act_after_beats(index_, true);  // then move on
    timeout_.cancel();
    return;
  }
  arm_timeout();
}

void DemoStory::arm_timeout() {
  timeout_.cancel();
  timeout_.expires_after(secs(step_timeout_));
  const std::size_t at = index_;
  timeout_.async_wait([this, at](const std::error_code& ec) {
    if (ec || finished_ || index_ != at) return;
    missed_ = steps_[at].wait->text();
    note(fmt::format("expected {} within {:.0f} s: not seen", missed_, step_timeout_));
    done(false);
  });
}

void DemoStory::on_event(const Event& e) {
  if (finished_) return;
  ++counts_[e.name];
  const std::string line = format_timeline_event(elapsed(), e, colour_);
  std::fwrite(line.data(), 1, line.size(), out_);
  std::fflush(out_);
  if (index_ >= steps_.size() || !steps_[index_].wait || !steps_[index_].wait->matches(e)) return;
  ++matched_;
  seen_.emplace_back(steps_[index_].wait->text(), elapsed());
  const DemoStep& s = steps_[index_];
  if (!s.say.empty() || s.act) act_after_beats(index_, false);
  enter(index_ + 1);
}

void DemoStory::act_after_beats(std::size_t at, bool advance) {
  auto timer = std::make_unique<asio::steady_timer>(io_, secs(steps_[at].beats * beat_));
  auto* t = timer.get();
  action_timers_.push_back(std::move(timer));
  t->async_wait([this, at, advance](const std::error_code& ec) {
    if (ec || finished_) return;
    if (!steps_[at].say.empty()) note(steps_[at].say);
    if (steps_[at].act) steps_[at].act();
    if (advance) enter(at + 1);
  });
}

void DemoStory::done(bool ok) {
  if (finished_) return;
  finished_ = true;
  timeout_.cancel();
  for (auto& t : action_timers_) t->cancel();
  if (finish_) finish_(ok);
}

}  // namespace gw::daemon
