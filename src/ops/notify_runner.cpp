#include "ops/notify_runner.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>
#include <asio/write.hpp>
#include <optional>

#include "ops/child_process.hpp"

namespace gw::daemon {

namespace {
constexpr auto kPollInterval = std::chrono::milliseconds(20);  // reaping: cheap, and bounds latency
constexpr std::size_t kKeptOutput = 200;                       // bytes of output kept for the log
}  // namespace

struct NotifyRunner::Job {
  explicit Job(asio::io_context& io) : deadline(io), poll(io) {}
  pid_t pid = -1;
  std::string event;
  std::string line;
  std::optional<asio::posix::stream_descriptor> in;
  std::optional<asio::posix::stream_descriptor> out;
  std::array<char, 4096> buffer{};
  std::string first_output;
  asio::steady_timer deadline;
  asio::steady_timer poll;
  bool timed_out = false;
  bool done = false;

  void close_pipes() {
    std::error_code ignored;
    if (in) in->close(ignored);
    if (out) out->close(ignored);
  }
};

NotifyRunner::NotifyRunner(asio::io_context& io, NotifyOptions options, const Logger& logger)
    : io_(io), options_(std::move(options)), logger_(logger) {}

NotifyRunner::~NotifyRunner() {
  stop();
}

NotifyStats NotifyRunner::stats() const {
  NotifyStats s = stats_;
  s.running = running_.size();
  s.queued = queue_.size();
  return s;
}

void NotifyRunner::notify(const Event& event) {
  if (stopped_) return;
  std::string line = format_event_line(event, WallClock::now());
  if (running_.size() < options_.max_running) {
    start_job(std::move(line), event.name);
    return;
  }
  if (queue_.size() >= options_.max_queue) {
    ++stats_.dropped;
    if (stats_.dropped == 1 || stats_.dropped % 100 == 0) {
      logger_.log(
          4, fmt::format(
                 "%NOTIFY-4-DROPPED: notify queue full ({} events), {} event(s) dropped so far",
                 options_.max_queue, stats_.dropped));
    }
    return;
  }
  queue_.emplace_back(std::move(line), event.name);
}

void NotifyRunner::start_job(std::string line, std::string event_name) {
  ++stats_.started;
  auto child = spawn_child({options_.program});
  if (!child) {
    ++stats_.failed;
    logger_.log(4, "%NOTIFY-4-FAILED: cannot start notify program: " + child.error().message);
    return;
  }
  auto job = std::make_shared<Job>(io_);
  job->pid = child->pid;
  job->event = std::move(event_name);
  job->line = std::move(line);
  job->in.emplace(io_, child->stdin_fd);
  job->out.emplace(io_, child->output_fd);
  running_.push_back(job);

  asio::async_write(*job->in, asio::buffer(job->line), [job](const std::error_code&, std::size_t) {
    // Written or the program closed its stdin (EPIPE; SIGPIPE is ignored): either way, EOF now.
    std::error_code ignored;
    if (job->in) job->in->close(ignored);
  });
  drain(job);
  job->deadline.expires_after(options_.timeout);
  job->deadline.async_wait([job](const std::error_code& ec) {
    if (ec || job->done) return;
    job->timed_out = true;
    ::kill(-job->pid, SIGKILL);  // its process group: the program and what it started
    ::kill(job->pid, SIGKILL);
  });
  poll(job);
}

void NotifyRunner::drain(const std::shared_ptr<Job>& job) {
  job->out->async_read_some(
      asio::buffer(job->buffer), [this, job](const std::error_code& ec, std::size_t n) {
        if (job->done || ec) return;  // EOF or closed: the poll timer reaps
        if (job->first_output.size() < kKeptOutput) {
          job->first_output.append(job->buffer.data(),
                                   std::min(n, kKeptOutput - job->first_output.size()));
        }
        drain(job);
      });
}

void NotifyRunner::poll(const std::shared_ptr<Job>& job) {
  job->poll.expires_after(kPollInterval);
  job->poll.async_wait([this, job](const std::error_code& ec) {
    if (ec || job->done) return;
    if (auto status = reap_child(job->pid)) {
      finish(job, *status);
      return;
    }
    poll(job);
  });
}

void NotifyRunner::finish(const std::shared_ptr<Job>& job, int status) {
  job->done = true;
  job->deadline.cancel();
  job->poll.cancel();
  job->close_pipes();
  std::string output = job->first_output;
  for (auto& c : output) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  if (job->timed_out) {
    ++stats_.timed_out;
    logger_.log(
        4,
        fmt::format("%NOTIFY-4-TIMEOUT: notify program {} killed after {} ms (event {})",
                    options_.program,
                    std::chrono::duration_cast<std::chrono::milliseconds>(options_.timeout).count(),
                    job->event));
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    ++stats_.succeeded;
  } else {
    ++stats_.failed;
    const std::string how = WIFEXITED(status) ? fmt::format("exited {}", WEXITSTATUS(status))
                            : WIFSIGNALED(status)
                                ? fmt::format("killed by signal {}", WTERMSIG(status))
                                : std::string("ended");
    logger_.log(
        4, fmt::format("%NOTIFY-4-FAILED: notify program {} {} (event {}){}{}", options_.program,
                       how, job->event, output.empty() ? "" : ": ", output));
  }
  running_.remove(job);
  if (!stopped_ && !queue_.empty() && running_.size() < options_.max_running) {
    auto [line, name] = std::move(queue_.front());
    queue_.pop_front();
    start_job(std::move(line), std::move(name));
  }
}

void NotifyRunner::stop() {
  if (stopped_) return;
  stopped_ = true;
  queue_.clear();
  for (auto& job : running_) {
    job->done = true;
    job->deadline.cancel();
    job->poll.cancel();
    job->close_pipes();
    ::kill(-job->pid, SIGKILL);
    ::kill(job->pid, SIGKILL);
    int status = 0;
    ::waitpid(job->pid, &status, 0);
  }
  running_.clear();
}

}  // namespace gw::daemon
