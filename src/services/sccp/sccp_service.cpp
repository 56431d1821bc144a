// SccpService: see sccp_service.hpp.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // g++ 12, variants holding strings
#include "services/sccp/sccp_service.hpp"

#include <algorithm>

#include "net/sccp_connection.hpp"
#include "report/sccp_wording.hpp"

namespace gw::daemon {

namespace {

class NetSccpGroupRunner final : public SccpGroupRunner {
 public:
  NetSccpGroupRunner(asio::io_context& io, const sccp::GroupConfig& group, net::Resolver* resolver,
                     EventsFn on_events, DebugHub* debug)
      : conn_(io, group,
              net::SccpConnectionOptions{
                  std::max<Duration>(group.policy.keepalive_timeout, milliseconds(100)),
                  std::max<Duration>(scaled(seconds(1), group.policy.time_scale), milliseconds(50)),
                  debug},
              resolver, std::move(on_events)) {}
  void start() override { conn_.start(); }
  void stop() override { conn_.stop(); }
  void shutdown(std::function<void()> done) override { conn_.shutdown(std::move(done)); }
  sccp::GroupSnapshot snapshot() const override { return conn_.snapshot(); }
  sccp::SccpWireCounters counters() const override { return conn_.counters(); }

 private:
  net::SccpGroupConnection conn_;
};

}  // namespace

SccpRunnerFactory net_sccp_runner_factory(asio::io_context& io, net::Resolver* resolver,
                                          DebugHub* debug) {
  return [&io, resolver, debug](
             const sccp::GroupConfig& group,
             SccpGroupRunner::EventsFn on_events) -> std::unique_ptr<SccpGroupRunner> {
    return std::make_unique<NetSccpGroupRunner>(io, group, resolver, std::move(on_events), debug);
  };
}

SccpService::SccpService(const config::Config& config, double time_scale, SccpRunnerFactory factory,
                         EventSink& sink, const Logger& logger, Ipv4Lookup lookup_ipv4)
    : config_(sccp_part(config)),
      time_scale_(time_scale),
      factory_(std::move(factory)),
      sink_(sink),
      logger_(logger),
      lookup_ipv4_(std::move(lookup_ipv4)) {}

SccpService::~SccpService() {
  stop();
}

Status<> SccpService::start() {
  if (started_) return fail("state", "sccp already started");
  started_ = true;
  running_ = true;
  if (!config_.sccp_enabled) {
    if (!config_.ccm_groups.empty()) logger_.log(sccp_disabled_at_start_log_line());
    return Ok{};
  }
  plan_ = plan_sccp(config_, time_scale_, lookup_ipv4_);
  for (const auto& note : plan_.notes) logger_.log(sccp_note_log_line(note));
  for (const auto& gc : plan_.groups) {
    if (!running_) break;
    start_group(gc, false);
  }
  return Ok{};
}

void SccpService::stop() {
  if (!running_) return;
  running_ = false;
  for (auto& g : groups_) g->runner->stop();
}

void SccpService::shutdown(std::function<void()> done) {
  if (!running_ || groups_.empty()) {
    stop();
    if (done) done();
    return;
  }
  auto pending = std::make_shared<std::size_t>(groups_.size());
  auto one_done = [this, pending, done = std::move(done)] {
    if (--*pending != 0) return;
    running_ = false;  // every runner has stopped itself
    if (done) done();
  };
  // A runner may finish at once (nothing registered): iterate over a copy of the pointers.
  std::vector<SccpGroupRunner*> runners;
  for (auto& g : groups_) runners.push_back(g->runner.get());
  for (auto* r : runners) r->shutdown(one_done);
}

// Creates the group's runner, keeps groups_ in group order, logs, then starts it (its first
// events may come from inside start()).
void SccpService::start_group(const sccp::GroupConfig& gc, bool restarted) {
  auto g = std::make_unique<Group>();
  g->config = gc;
  if (auto it = config_.ccm_groups.find(static_cast<int>(gc.group)); it != config_.ccm_groups.end())
    g->configured_keepalive_s = it->second.keepalive_timeout;
  const Group* gp = g.get();
  g->runner = factory_(gc, [this, gp](std::vector<sccp::GroupEvent> events) {
    if (running_) on_events(*gp, events);
  });
  SccpGroupRunner* runner = g->runner.get();
  const auto at = std::find_if(groups_.begin(), groups_.end(),
                               [&](const auto& other) { return other->config.group > gc.group; });
  groups_.insert(at, std::move(g));
  logger_.log(sccp_group_started_log_line(gc, restarted));
  runner->start();
}

// One group of a diff: the old runner goes, a new one starts from plan_ when it is planned.
void SccpService::restart_group(unsigned id) {
  const auto old = std::find_if(groups_.begin(), groups_.end(),
                                [id](const auto& g) { return g->config.group == id; });
  const bool had = old != groups_.end();
  if (had) {
    (*old)->runner->stop();  // no event after stop() (SccpGroupRunner's contract)
    groups_.erase(old);
  }
  const auto planned = std::find_if(plan_.groups.begin(), plan_.groups.end(),
                                    [id](const auto& gc) { return gc.group == id; });
  if (planned != plan_.groups.end()) {
    start_group(*planned, had);
    return;
  }
  if (!had) return;
  const SccpGroupStop why = !config_.ccm_groups.contains(static_cast<int>(id))
                                ? SccpGroupStop::removed
                            : !config_.sccp_enabled ? SccpGroupStop::disabled
                                                    : SccpGroupStop::not_runnable;
  logger_.log(sccp_group_stopped_log_line(id, why));
}

void SccpService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  const bool was_enabled = config_.sccp_enabled;
  config_ = sccp_part(next);
  if (!started_) return;  // start() plans from config_
  SccpPlan planned = plan_sccp(config_, time_scale_, lookup_ipv4_);
  if (!running_) {  // stopped: nothing starts again; show commands see the latest plan
    plan_ = std::move(planned);
    return;
  }
  for (const auto& note : planned.notes)
    if (std::find(plan_.notes.begin(), plan_.notes.end(), note) == plan_.notes.end())
      logger_.log(sccp_note_log_line(note));
  if (was_enabled != config_.sccp_enabled)
    logger_.log(sccp_admin_change_log_line(config_.sccp_enabled));
  plan_ = std::move(planned);
  for (int id : diff.sccp_groups) {
    if (!running_) break;
    restart_group(static_cast<unsigned>(id));
  }
}

void SccpService::on_events(const Group& g, const std::vector<sccp::GroupEvent>& events) {
  auto address_of = [&g](std::uint32_t id) -> std::string {
    for (const auto& c : g.config.ccms)
      if (c.identifier == id) return c.host + ":" + std::to_string(c.port);
    return "?";
  };
  for (const auto& e : events) {
    sink_.emit(sccp_event(e, g.configured_keepalive_s));
    logger_.log(sccp_log_line(e, g.configured_keepalive_s, address_of));
  }
}

void SccpService::snapshot(DaemonSnapshot& out) const {
  SccpSnapshot s;
  s.enabled = config_.sccp_enabled;
  s.local = config_.sccp_local;
  s.time_scale = time_scale_;
  for (const auto& [id, ccm] : config_.sccp_ccms)
    s.ccms.push_back(SccpCcmLine{id, ccm.address, ccm.effective_port(), ccm.version});
  for (const auto& g : groups_) {
    SccpGroupState gs;
    gs.group = g->config.group;
    if (auto it = config_.ccm_groups.find(static_cast<int>(gs.group));
        it != config_.ccm_groups.end())
      gs.settings = it->second;
    gs.live = g->runner->snapshot();
    gs.wire = g->runner->counters();
    s.groups.push_back(std::move(gs));
  }
  s.devices = plan_.devices;
  s.notes = plan_.notes;
  out.sccp = std::move(s);
}

}  // namespace gw::daemon
