// Helpers for the gw_net tests: temporary directories, free loopback ports, child processes
// (dnsmasq, openssl) started and reaped by the test, readiness polling, and running an
// io_context until a condition holds. Loopback only; nothing here sleeps as synchronisation:
// waits poll a condition with a deadline.
#pragma once
#include <sys/types.h>

#include <asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

namespace gw::net::test {

// A fresh directory under $TMPDIR, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A port free for both TCP and UDP on `host` (127.0.0.1 or ::1) at the time of the call.
int free_port(const std::string& host = "127.0.0.1");

// A child process; terminated (SIGTERM, then SIGKILL) and reaped on destruction.
class Child {
 public:
  Child() = default;
  // Starts argv[0] (searched in PATH) with stdout/stderr appended to `log`.
  static Child spawn(const std::vector<std::string>& argv, const std::string& log);
  Child(Child&& other) noexcept;
  Child& operator=(Child&& other) noexcept;
  ~Child();
  bool running();
  pid_t pid() const { return pid_; }
  void stop();
  // Waits for the child to exit by itself; its exit status, or -1.
  int wait();

 private:
  pid_t pid_ = -1;
};

// Runs argv to completion; returns its exit status (or -1). Output goes to `log`.
int run(const std::vector<std::string>& argv, const std::string& log);

// Polls a TCP connect to host:port until it succeeds or `budget` passes. `alive`, when given,
// is checked between tries so a peer that died is noticed at once.
bool wait_for_tcp(const std::string& host, int port, std::chrono::milliseconds budget,
                  const std::function<bool()>& alive = {});

// Runs `io` until `done()` is true or `budget` passes; returns done().
bool run_until(asio::io_context& io, const std::function<bool()>& done,
               std::chrono::milliseconds budget = std::chrono::seconds(10));

// Runs `io` for `span` (handlers that are due run; nothing else is waited for).
void run_for(asio::io_context& io, std::chrono::milliseconds span);

std::string read_file(const std::string& path);

}  // namespace gw::net::test
