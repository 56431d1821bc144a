// MetricsServer: `--metrics HOST:PORT`, the Prometheus endpoint (GET /metrics; GET / points
// there, or the status page: status_endpoints.hpp), served by cpp-httplib on its own threads so
// that a slow or stuck scraper can never block the keepalive loop.
// Contract:
// - start() binds HOST:PORT and starts serving; Error{"bind"} when it cannot bind. With
//   `status`, GET / and /api/v1/* are its (it must outlive the server).
// - publish() hands the server a copy of the state to render (called from the io_context
//   thread, e.g. every 100 ms); a scrape renders the last published copy (render_metrics),
//   taken under a mutex held only for the copy. Before the first publish() a scrape answers
//   503.
// - stop() (and the destructor) stops accepting, waits for the server threads and returns;
//   keep-alive and read/write timeouts are 1 s, so it returns within about a second.
// - Bounded memory: one published MetricsInput; request bodies and headers are capped by
//   cpp-httplib's limits (payload max set to 4 KiB, GET only).
// Thread-safe: publish() from one thread, scrapes from the server's threads.
#pragma once
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "base/result.hpp"
#include "render/metrics_text.hpp"

namespace httplib {
class Server;
}

namespace gw::daemon {

class StatusEndpoints;

class MetricsServer {
 public:
  static Result<std::unique_ptr<MetricsServer>> start(const std::string& host, std::uint16_t port,
                                                      StatusEndpoints* status = nullptr);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  void publish(MetricsInput input);
  void stop();
  std::uint16_t port() const { return port_; }

 private:
  MetricsServer();
  std::optional<MetricsInput> latest() const;

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
  mutable std::mutex mutex_;
  std::optional<MetricsInput> input_;
};

}  // namespace gw::daemon
