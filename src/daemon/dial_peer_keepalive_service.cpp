#include "daemon/dial_peer_keepalive_service.hpp"

#include <fmt/format.h>

#include "cli/token_types.hpp"
#include "daemon/sip_keepalive_service.hpp"

namespace gw::daemon {

namespace {
using Change = keepalive::Transition::Change;
constexpr auto kTick = std::chrono::milliseconds(1);
constexpr std::size_t kSlots = 16384;  // one revolution: 16 s of 1 ms ticks
}  // namespace

DialPeerKeepaliveService::DialPeerKeepaliveService(asio::io_context& io, const config::Config& config,
                                                   double time_scale, ProberFactory factory,
                                                   EventSink& sink, const Logger& logger)
    : io_(io),
      profiles_(config.keepalive_profiles),
      time_scale_(time_scale),
      plan_(plan_dial_peers(config, time_scale)),
      factory_(std::move(factory)),
      sink_(sink),
      logger_(logger),
      tick_timer_(io) {
  std::size_t i = 0;
  for (const auto& [tag, dp] : config.dial_peers) {
    while (i < plan_.probes.size() && plan_.probes[i].tag < tag) ++i;
    if (i < plan_.probes.size() && plan_.probes[i].tag == tag) continue;
    OtherPeer o{tag, "", dp.description, !dp.shutdown, dp.keepalive_profile.value_or(0),
                dp.session_transport.value_or(Transport::udp)};
    if (dp.session_target) o.session_target = configured_text(config::KeepaliveTarget{*dp.session_target, o.transport});
    others_.push_back(std::move(o));
  }
}

DialPeerKeepaliveService::~DialPeerKeepaliveService() { stop(); }

Status<> DialPeerKeepaliveService::start() {
  if (running_) return fail("state", "dial-peer-keepalive already started");
  for (const auto& n : plan_.notes) logger_.log(4, "%SIP-4-DIALPEER_KEEPALIVE: " + n);
  peers_.resize(plan_.probes.size());
  const std::size_t n = peers_.size();
  for (std::size_t i = 0; i < n; ++i) {
    peers_[i].session.set_policy(plan_.probes[i].policy);
    peers_[i].prober = factory_(plan_.probes[i].target);
  }
  // Schedules are taken after every prober exists: building 100k of them takes a while, and
  // that time must not count as lateness of the first probes.
  const TimePoint now = SteadyClock::now();
  wheel_.emplace(now, kTick, kSlots);
  running_ = true;
  for (std::size_t i = 0; i < n; ++i) {
    const Duration spread =
        std::min<Duration>(plan_.probes[i].policy.active_interval, std::chrono::milliseconds(n));
    schedule(static_cast<std::uint32_t>(i), now + spread * static_cast<long>(i) / static_cast<long>(n));
  }
  if (n > 0) {
    logger_.log(6, fmt::format("%SIP-6-DIALPEER_KEEPALIVE: OPTIONS keepalive started for {} dial-peer{}",
                               n, n == 1 ? "" : "s"));
  }
  return Ok{};
}

void DialPeerKeepaliveService::stop() {
  if (!running_) return;
  running_ = false;
  alive_ = std::make_shared<int>(0);
  tick_timer_.cancel();
  for (auto& p : peers_) {
    if (p.prober) p.prober->cancel();
    p.probing = false;
  }
  if (!peers_.empty()) {
    const auto l = lateness_.snapshot();
    const auto us = [](Duration d) { return std::chrono::duration_cast<std::chrono::microseconds>(d).count(); };
    logger_.log(6, fmt::format("%GATEWATCH-6-DIALPEER_STATS: dial-peers {} probes {} lateness p50 {} us "
                               "p99 {} us max {} us",
                               peers_.size(), probes_, us(l.p50), us(l.p99), us(l.max)));
  }
}

void DialPeerKeepaliveService::schedule(std::uint32_t index, TimePoint at) {
  Peer& p = peers_[index];
  p.due = at;
  p.timer = wheel_->schedule(at, index);
  rearm();
}

void DialPeerKeepaliveService::rearm() {
  if (!running_) return;
  const auto w = wheel_->next_wakeup();
  if (!w || (armed_for_ && *armed_for_ <= *w)) return;
  armed_for_ = *w;
  tick_timer_.expires_at(*w);
  std::weak_ptr<int> alive = alive_;
  tick_timer_.async_wait([this, alive](const std::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    on_tick();
  });
}

void DialPeerKeepaliveService::on_tick() {
  armed_for_.reset();
  const TimePoint now = SteadyClock::now();
  wheel_->advance(now, [this](std::uint32_t index, TimePoint) {
    peers_[index].timer = {};
    begin(index, peers_[index].due);
  });
  rearm();
}

void DialPeerKeepaliveService::begin(std::uint32_t index, TimePoint due) {
  Peer& p = peers_[index];
  const TimePoint now = SteadyClock::now();
  lateness_.record(now - due);
  const bool first = p.session.phase() == keepalive::TargetSession::Phase::idle;
  auto s = first ? p.session.start(now) : p.session.begin_attempt(now);
  if (!s) {
    logger_.log(3, "%SIP-3-DIALPEER_KEEPALIVE: internal error: " + s.error().message);
    return;
  }
  ++probes_;
  const auto& policy = plan_.probes[index].policy;
  net::SipProbeParams params{policy.retries, policy.t1, policy.t2};
  std::weak_ptr<int> alive = alive_;
  p.probing = true;
  auto r = p.prober->attempt(params, [this, alive, index](const keepalive::AttemptOutcome& o) {
    if (alive.expired()) return;
    on_result(index, o);
  });
  if (!r) {
    p.probing = false;
    logger_.log(3, "%SIP-3-DIALPEER_KEEPALIVE: internal error: " + r.error().message);
  }
}

void DialPeerKeepaliveService::on_result(std::uint32_t index, const keepalive::AttemptOutcome& outcome) {
  Peer& p = peers_[index];
  const DialPeerProbe& probe = plan_.probes[index];
  p.probing = false;
  auto tr = p.session.on_attempt_result(SteadyClock::now(), outcome);
  if (!tr) {
    logger_.log(3, "%SIP-3-DIALPEER_KEEPALIVE: internal error: " + tr.error().message);
    return;
  }
  const std::string transport(to_string(probe.target.transport));
  if (logger_.debug()) {
    logger_.log(7, fmt::format("%SIP-7-DIALPEER_ATTEMPT: dial-peer {} {} {} {} status {} state {}",
                               probe.tag, p.prober->address(), transport,
                               outcome.success ? "ok" : std::string(keepalive::to_string(outcome.reason)),
                               outcome.status, keepalive::to_string(p.session.state())));
  }
  if (tr->change == Change::went_down) {
    const std::string reason(keepalive::to_string(tr->reason.value_or(outcome.reason)));
    sink_.emit(Event{"dial-peer.down", {}}
                   .with("dial_peer", static_cast<std::int64_t>(probe.tag))
                   .with("address", p.prober->address())
                   .with("transport", transport)
                   .with("reason", reason));
    logger_.log(5, fmt::format("%SIP-5-DIALPEER_KEEPALIVE: dial-peer {} session target {} {} "
                               "OPTIONS keepalive status changed to BUSYOUT ({})",
                               probe.tag, configured_text(probe.target), transport, reason));
  } else if (tr->change == Change::went_up) {
    sink_.emit(Event{"dial-peer.up", {}}
                   .with("dial_peer", static_cast<std::int64_t>(probe.tag))
                   .with("address", p.prober->address())
                   .with("transport", transport));
    logger_.log(5, fmt::format("%SIP-5-DIALPEER_KEEPALIVE: dial-peer {} session target {} {} "
                               "OPTIONS keepalive status changed to ACTIVE",
                               probe.tag, configured_text(probe.target), transport));
  }
  if (running_) schedule(index, tr->next_attempt);
}

void DialPeerKeepaliveService::snapshot(DaemonSnapshot& out) const {
  DialPeerKeepaliveSnapshot s;
  s.profiles = profiles_;
  s.notes = plan_.notes;
  s.time_scale = time_scale_;
  s.lateness = lateness_.snapshot();
  s.probes = probes_;
  s.peers.reserve(plan_.probes.size() + others_.size());
  // Merge the probed dial-peers (plan_, by tag) with the others (by tag).
  std::size_t i = 0, j = 0;
  while (i < plan_.probes.size() || j < others_.size()) {
    DialPeerStateSnapshot d;
    if (j < others_.size() && (i >= plan_.probes.size() || others_[j].tag < plan_.probes[i].tag)) {
      const OtherPeer& o = others_[j++];
      d.tag = o.tag;
      d.description = o.description;
      d.session_target = o.session_target;
      d.admin_up = o.admin_up;
      d.profile = o.profile;
      d.transport = o.transport;
    } else {
      const DialPeerProbe& probe = plan_.probes[i];
      d.tag = probe.tag;
      d.session_target = configured_text(probe.target);
      d.profile = probe.profile;
      d.transport = probe.target.transport;
      d.keepalive = true;
      if (i < peers_.size()) {
        const Peer& p = peers_[i];
        d.address = p.prober ? p.prober->address() : "";
        d.state = p.session.state();
        d.probing = p.probing;
        d.consecutive_successes = p.session.consecutive_successes();
        d.last_status = p.session.last_status();
        d.last_rtt = p.session.last_rtt();
        d.last_failure = p.session.last_failure();
        d.attempts = p.session.attempts();
        d.failures = p.session.failures();
      }
      ++i;
    }
    s.peers.push_back(std::move(d));
  }
  out.dial_peers = std::move(s);
}

}  // namespace gw::daemon
