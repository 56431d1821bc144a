#include "services/kamailio/kamailio_dispatcher_service.hpp"

#include <algorithm>

#include "report/kamailio_wording.hpp"

namespace gw::daemon {

namespace {
constexpr std::size_t kShownNotInSync = 64;  // `show kamailio` lists at most these
}

KamailioDispatcherService::KamailioDispatcherService(asio::io_context& io,
                                                     const config::Config& config, EventSink& sink,
                                                     const Logger& logger, DialPeerUp dial_peer_up,
                                                     MemberUp member_up)
    : io_(io),
      sink_(sink),
      logger_(logger),
      dial_peer_up_(std::move(dial_peer_up)),
      member_up_(std::move(member_up)),
      plan_(plan_kamailio(config)),
      timer_(io) {}

KamailioDispatcherService::~KamailioDispatcherService() {
  stop();
}

Status<> KamailioDispatcherService::start() {
  running_ = true;
  KamailioPlan plan = std::move(plan_);
  plan_ = {};
  apply(std::move(plan));
  return Ok{};
}

void KamailioDispatcherService::stop() {
  if (!running_) return;
  running_ = false;
  alive_.renew();
  timer_.cancel();
  if (client_) client_->stop();
  client_.reset();
}

void KamailioDispatcherService::apply(KamailioPlan plan) {
  for (const auto& note : plan.notes) logger_.log(kamailio_note_log_line(note));
  if (!plan.rpc_url) {
    if (client_) client_->stop();
    client_.reset();
    timer_.cancel();
    sync_.configure({}, plan.policy, SteadyClock::now());
    plan_ = std::move(plan);
    return;
  }
  if (!client_)
    client_ = std::make_unique<net::KamailioRpcClient>(
        io_, [this, alive = alive_.token()](kamailio::Answer a) {
          if (!alive.expired()) on_answer(std::move(a));
        });
  if (auto url = kamailio::parse_rpc_url(*plan.rpc_url)) client_->set_url(url.value());
  for (auto& b : plan.bindings) {
    if (b.member.empty()) {
      b.up = !dial_peer_up_ || dial_peer_up_(b.dial_peer);
      continue;
    }
    const auto m = plan.members.find(b.member);
    b.up = !member_up_ || m == plan.members.end() || member_up_(m->second);
  }
  sync_.configure(plan.bindings, plan.policy, SteadyClock::now());
  plan_ = std::move(plan);
  pump();
}

void KamailioDispatcherService::pump() {
  if (!running_ || !client_) return;
  const TimePoint now = SteadyClock::now();
  if (auto r = sync_.next(now)) client_->send(std::move(*r));
  const TimePoint at = sync_.wakeup();
  if (at == timer_at_) return;
  timer_at_ = at;
  timer_.cancel();
  if (at == TimePoint::max()) return;
  timer_.expires_at(at);
  timer_.async_wait([this, alive = alive_.token()](const std::error_code& ec) {
    if (ec || alive.expired()) return;
    timer_at_ = TimePoint::max();
    pump();
  });
}

void KamailioDispatcherService::on_answer(kamailio::Answer answer) {
  if (!running_) return;
  for (const auto& e : sync_.on_answer(std::move(answer), SteadyClock::now())) {
    logger_.log(kamailio_log_line(e, plan_.rpc_url.value_or("")));
    if (auto event = kamailio_event(e)) sink_.emit(*event);
  }
  pump();
}

void KamailioDispatcherService::observe(const Event& event) {
  if (!running_ || !client_) return;
  if (event.name == names::kServerGroupMemberDown || event.name == names::kServerGroupMemberUp)
    return observe_member(event, event.name == names::kServerGroupMemberUp);
  const bool down = event.name == names::kDialPeerDown;
  if (!down && event.name != names::kDialPeerUp) return;
  for (const auto& [key, value] : event.fields) {
    if (key != "dial_peer") continue;
    if (const auto* tag = std::get_if<std::int64_t>(&value)) sync_.verdict(*tag, !down);
    break;
  }
  pump();
}

void KamailioDispatcherService::observe_member(const Event& event, bool up) {
  const std::int64_t* group = nullptr;
  const std::string* address = nullptr;
  const std::string* transport = nullptr;
  for (const auto& [key, value] : event.fields) {
    if (key == "group") group = std::get_if<std::int64_t>(&value);
    if (key == "address") address = std::get_if<std::string>(&value);
    if (key == "transport") transport = std::get_if<std::string>(&value);
  }
  if (!group || !address || !transport) return;
  const std::string key = member_key(static_cast<long>(*group), *address, *transport);
  const auto m = plan_.members.find(key);
  if (m == plan_.members.end()) return;  // not bound
  // The same member may be probed by several streams (profiles): the service's word counts.
  sync_.member_verdict(key, member_up_ ? member_up_(m->second) : up);
  pump();
}

void KamailioDispatcherService::reconfigure(const config::Config& next, const ConfigDiff& diff) {
  if (!running_ || (!diff.kamailio && (diff.dial_peers.empty() || !client_))) return;
  apply(plan_kamailio(next));
}

void KamailioDispatcherService::snapshot(DaemonSnapshot& out) const {
  if (!plan_.rpc_url) return;
  KamailioSnapshot k;
  k.url = *plan_.rpc_url;
  k.resync_seconds = static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(plan_.policy.resync).count());
  k.reachable = sync_.reachable();
  k.last_error = sync_.last_error();
  k.counters = sync_.counters();
  k.destinations = sync_.size();
  k.in_sync = sync_.in_sync();
  k.missing = sync_.missing();
  for (const auto& d : sync_.destinations()) {
    if (d.in_sync()) continue;
    if (k.not_in_sync.size() < kShownNotInSync) k.not_in_sync.push_back(d);
  }
  out.kamailio = std::move(k);
}

}  // namespace gw::daemon
