#include "services/sip_ua/sip_keepalive_service.hpp"

#include "report/sip_wording.hpp"

namespace gw::daemon {

SipKeepaliveService::SipKeepaliveService(asio::io_context& io, const config::Config& config,
                                         double time_scale, ProberFactory factory,
                                         CountersFn counters, EventSink& sink, const Logger& logger)
    : io_(io),
      ua_(config.sip_ua),
      voice_ports_(config.voice_ports),
      time_scale_(time_scale),
      plan_(plan_sip_ua(config.sip_ua, time_scale)),
      factory_(std::move(factory)),
      counters_(std::move(counters)),
      sink_(sink),
      logger_(logger) {}

SipKeepaliveService::~SipKeepaliveService() {
  stop();
}

Status<> SipKeepaliveService::start() {
  if (running_) return fail("state", "sip-keepalive already started");
  for (const auto& t : plan_.targets) targets_.push_back(make_target(t.role, t.target));
  running_ = true;
  for (auto& t : targets_) begin(*t, true);
  return Ok{};
}

std::unique_ptr<SipKeepaliveService::Target> SipKeepaliveService::make_target(
    std::string_view role, const config::KeepaliveTarget& kt) {
  auto t = std::make_unique<Target>();
  t->role = std::string(role);
  t->config = kt;
  t->session.set_policy(plan_.policy);
  t->prober = factory_(kt);
  t->timer = std::make_unique<asio::steady_timer>(io_);
  return t;
}

void SipKeepaliveService::stop() {
  if (!running_) return;
  running_ = false;
  alive_.renew();  // orphans every pending callback
  for (auto& t : targets_) {
    t->timer->cancel();
    t->prober->cancel();
    t->probing = false;
  }
}

void SipKeepaliveService::begin(Target& t, bool first) {
  const TimePoint now = SteadyClock::now();
  auto s = first ? t.session.start(now) : t.session.begin_attempt(now);
  if (!s) {
    logger_.log(sip_internal_error_log_line(s.error().message));
    return;
  }
  net::SipProbeParams params{plan_.policy.retries, plan_.policy.t1, plan_.policy.t2};
  Liveness::Token alive = alive_.token();
  Target* tp = &t;
  t.probing = true;
  auto r = t.prober->attempt(params, [this, alive, tp](const keepalive::AttemptOutcome& o) {
    if (alive.expired()) return;
    on_result(*tp, o);
  });
  if (!r) {
    t.probing = false;
    logger_.log(sip_internal_error_log_line(r.error().message));
  }
}

void SipKeepaliveService::on_result(Target& t, const keepalive::AttemptOutcome& outcome) {
  t.probing = false;
  t.stats.record(outcome);
  const TimePoint now = keepalive::end_of(outcome, SteadyClock::now());  // the answer's arrival
  auto tr = t.session.on_attempt_result(now, outcome);
  if (!tr) {
    logger_.log(sip_internal_error_log_line(tr.error().message));
    return;
  }
  if (logger_.debug()) {
    logger_.log(sip_attempt_log_line(t.role, t.prober->address(), t.config.transport, outcome,
                                     t.session.state(), t.session.consecutive_successes()));
  }
  using Change = keepalive::Transition::Change;
  if (tr->change != Change::unchanged) {
    SipTargetChange change{t.role, t.config, t.prober->address(), tr->change == Change::went_up,
                           tr->reason.value_or(outcome.reason)};
    sink_.emit(sip_target_event(change));
    logger_.log(sip_target_log_line(change));
    update_busyout();
  }
  if (running_) schedule(t, tr->next_attempt);
}

void SipKeepaliveService::schedule(Target& t, TimePoint at) {
  t.timer->expires_at(at);
  Liveness::Token alive = alive_.token();
  Target* tp = &t;
  t.timer->async_wait([this, alive, tp](const std::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    begin(*tp, false);
  });
}

void SipKeepaliveService::update_busyout() {
  std::vector<keepalive::TargetState> states;
  for (const auto& t : targets_) states.push_back(t->session.state());
  const auto change = busyout_.update(states);
  if (change == keepalive::BusyoutChange::unchanged) return;
  const bool busy = change == keepalive::BusyoutChange::busyout;
  for (const auto& [id, port] : voice_ports_) {
    if (port.busyout_monitor_keepalive) log_port(id, busy);
  }
}

void SipKeepaliveService::log_port(const config::VoicePortId& id, bool busy) {
  sink_.emit(voice_port_event(id, busy));
  logger_.log(voice_port_log_line(id, busy));
}

void SipKeepaliveService::snapshot(DaemonSnapshot& out) const {
  SipKeepaliveSnapshot s;
  s.trigger = ua_.keepalive_trigger;
  s.retries = ua_.retry_keepalive;
  s.active_seconds = ua_.timers_active;
  s.down_seconds = ua_.timers_down;
  s.time_scale = time_scale_;
  s.total_failure = busyout_.busy();
  if (counters_) s.counters = counters_();
  for (const auto& t : targets_) {
    SipTargetSnapshot ts;
    ts.role = t->role;
    ts.configured = config::configured_text(t->config);
    ts.address = t->prober->address();
    ts.transport = t->config.transport;
    ts.state = t->session.state();
    ts.probing = t->probing;
    ts.consecutive_successes = t->session.consecutive_successes();
    ts.last_status = t->session.last_status();
    ts.last_rtt = t->session.last_rtt();
    ts.last_failure = t->session.last_failure();
    ts.attempts = t->session.attempts();
    ts.failures = t->session.failures();
    ts.stats = t->stats;
    s.targets.push_back(std::move(ts));
  }
  out.sip = std::move(s);
  out.voice_ports.clear();
  for (const auto& [id, port] : voice_ports_) {
    VoicePortSnapshot v;
    v.port = id.text();
    v.description = port.description;
    v.shutdown = port.shutdown;
    v.monitor_keepalive = port.busyout_monitor_keepalive;
    v.busy = port.busyout_monitor_keepalive && busyout_.busy();
    v.why = v.busy ? "keepalive" : "";
    out.voice_ports.push_back(std::move(v));
  }
}

}  // namespace gw::daemon
