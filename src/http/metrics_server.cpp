#include "http/metrics_server.hpp"

#include <httplib.h>

#include "http/status_endpoints.hpp"

namespace gw::daemon {

MetricsServer::MetricsServer() : server_(std::make_unique<httplib::Server>()) {}

MetricsServer::~MetricsServer() {
  stop();
}

Result<std::unique_ptr<MetricsServer>> MetricsServer::start(const std::string& host,
                                                            std::uint16_t port,
                                                            StatusEndpoints* status) {
  std::unique_ptr<MetricsServer> m(new MetricsServer());
  auto& s = *m->server_;
  s.set_keep_alive_timeout(1);
  s.set_keep_alive_max_count(100);
  s.set_read_timeout(1, 0);
  s.set_write_timeout(1, 0);
  s.set_payload_max_length(4096);
  MetricsServer* self = m.get();
  s.Get("/metrics", [self](const httplib::Request&, httplib::Response& res) {
    auto in = self->latest();
    if (!in) {
      res.status = 503;
      res.set_content("gatewatch is starting\n", "text/plain");
      return;
    }
    res.set_content(render_metrics(*in), "text/plain; version=0.0.4; charset=utf-8");
  });
  if (status) {
    status->install(s);
  } else {
    s.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<html><body><a href=\"/metrics\">gatewatch metrics</a></body></html>\n",
                      "text/html");
    });
  }
  if (!s.bind_to_port(host, port)) {
    return fail("bind", "cannot bind metrics " + host + ":" + std::to_string(port));
  }
  m->port_ = port;
  m->thread_ = std::thread([self] { self->server_->listen_after_bind(); });
  // stop() is a no-op on a server that is not running yet: wait until it runs (bounded).
  for (int i = 0; i < 2000 && !s.is_running(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return m;
}

void MetricsServer::publish(MetricsInput input) {
  std::lock_guard lock(mutex_);
  input_ = std::move(input);
}

std::optional<MetricsInput> MetricsServer::latest() const {
  std::lock_guard lock(mutex_);
  return input_;
}

void MetricsServer::stop() {
  if (!server_) return;
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace gw::daemon
