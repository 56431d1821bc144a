#include "http/status_endpoints.hpp"

#include <httplib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "render/status_page.hpp"

namespace gw::daemon {

StatusEndpoints::StatusEndpoints(std::string version, std::size_t ring_capacity)
    : version_(std::move(version)), started_(WallClock::now()), ring_(ring_capacity) {}

void StatusEndpoints::observe(const Event& event) {
  const auto now = WallClock::now();
  ring_.push(event, now);
  board_.observe(event, now);
  sip_.observe(event, now);
}

void StatusEndpoints::publish(const DaemonSnapshot& summary) {
  if (summary.sip) sip_.sample(*summary.sip);
  const std::size_t busyout = (summary.dial_peers ? summary.dial_peers->busyout : 0) +
                              (summary.server_groups ? summary.server_groups->busyout : 0);
  if (verdict_ && summary.dial_peers && board_.busyout() != busyout)
    board_.prune(verdict_, kPruneBudget);
  auto in = std::make_shared<StatusInput>();
  in->version = version_;
  in->started = started_;
  in->now = WallClock::now();
  in->snapshot = summary;
  in->sip = sip_.targets();
  if (summary.cluster) in->cluster = status_cluster_of(*summary.cluster);
  std::shared_ptr<const StatusInput> old;  // freed after the lock
  std::lock_guard lock(mutex_);
  old = std::move(input_);
  input_ = std::move(in);
}

std::shared_ptr<const StatusInput> StatusEndpoints::latest() const {
  std::lock_guard lock(mutex_);
  return input_;
}

std::optional<std::string> StatusEndpoints::status_json(const StatusQuery& query) const {
  const auto in = latest();
  if (!in) return std::nullopt;
  return render_status_json(*in, query, board_.query(query.filter, query.limit));
}

std::string StatusEndpoints::events_json(std::uint64_t since) const {
  return render_events_json(ring_.read(since, kMaxEventsPerAnswer));
}

std::string StatusEndpoints::page() const {
  const auto status = status_json(StatusQuery{});
  // The page shows the last 100 events.
  return render_status_page(status ? *status : "null", render_events_json(ring_.latest(100)));
}

namespace {
// The server thread answering a status request runs at nice 10 from then on (Linux: per
// thread), so a walk of a large board takes CPU the io thread does not want (the reload
// worker does the same at 19). Once per thread.
void lower_this_thread() {
  thread_local bool done = false;
  if (done) return;
  done = true;
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), StatusEndpoints::kNice);
}
}  // namespace

void StatusEndpoints::install(httplib::Server& s) {
  const auto json = [](httplib::Response& res, std::string body) {
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(body), "application/json");
  };
  s.Get("/", [this](const httplib::Request&, httplib::Response& res) {
    lower_this_thread();
    res.set_header("Cache-Control", "no-store");
    res.set_content(page(), "text/html; charset=utf-8");
  });
  s.Get("/api/v1/status", [this, json](const httplib::Request& req, httplib::Response& res) {
    lower_this_thread();
    const auto q = parse_status_query(req.get_param_value("filter"), req.get_param_value("limit"));
    auto body = status_json(q);
    if (!body) {
      res.status = 503;
      return json(res, "{\"error\":\"gatewatch is starting\"}");
    }
    json(res, std::move(*body));
  });
  s.Get("/api/v1/events", [this, json](const httplib::Request& req, httplib::Response& res) {
    lower_this_thread();
    json(res, events_json(parse_since(req.get_param_value("since"))));
  });
}

}  // namespace gw::daemon
