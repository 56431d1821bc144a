// ClusterService, the etcd side: registration, lease, watch, publication (cluster_service.hpp).
#include "services/cluster/cluster_service.hpp"

#include <asio/post.hpp>
#include <thread>

#include "cluster/settings.hpp"
#include "report/cluster_wording.hpp"

namespace gw::daemon {

namespace {
constexpr Duration kTick = std::chrono::milliseconds(200);
using cluster::ClusterSync;
}  // namespace

ClusterService::ClusterService(asio::io_context& io, const config::Config& config, std::string node,
                               DialPeerKeepaliveService& dial_peers, EventSink& sink,
                               const Logger& logger, LiveConfig live_config)
    : io_(io),
      dial_peers_(dial_peers),
      sink_(sink),
      logger_(logger),
      live_config_(std::move(live_config)),
      settings_(config.cluster),
      sync_(std::move(node), seconds(config.cluster.lease)),
      client_(io, etcd_options(config.cluster)),
      tick_timer_(io) {
  // Nothing is probed until the ownership is known (start()).
  dial_peers_.set_owned([this](long tag) { return owns(tag); });
  dial_peers_.reconfigure(config, ConfigDiff{});  // before its start(): reloads the table
}

ClusterService::~ClusterService() {
  stop();
}

net::EtcdOptions ClusterService::etcd_options(const config::ClusterSettings& s) const {
  net::EtcdOptions o;
  for (const auto& u : s.endpoints)
    if (auto e = cluster::parse_endpoint(u)) o.endpoints.push_back(*e);
  o.ca_file = s.ca_file;
  o.cert_file = s.cert_file;
  o.key_file = s.key_file;
  o.timeout = std::min<Duration>(seconds(2), seconds(s.lease) / 2);
  return o;
}

bool ClusterService::count(const net::EtcdAnswer& a) {
  counters_.bytes_sent += a.bytes_sent;
  const bool ok = a.delivered && a.http_status == 200;
  if (ok)
    ++counters_.round_trips;
  else
    ++counters_.errors;
  if (ok != etcd_ok_) {
    etcd_ok_ = ok;
    logger_.log(cluster_etcd_log_line(
        ok, ok ? a.endpoint : (a.delivered ? "HTTP " + std::to_string(a.http_status) : a.error)));
  }
  return ok;
}

Status<> ClusterService::start() {
  if (running_) return fail("state", "cluster already started");
  running_ = true;
  auto r = register_now();
  if (!r) {
    running_ = false;
    client_.stop();
    return r;
  }
  ready_ = true;
  rebalance(true);
  if (sync_.registered()) start_watch();
  next_reconcile_ = SteadyClock::now() + seconds(1);
  arm_tick();
  return Ok{};
}

// Registration at start, on the caller's thread (the loop is not running yet).
Status<> ClusterService::register_now() {
  const std::string& self = sync_.self();
  auto g = client_.exchange_now("/v3/lease/grant", cluster::lease_grant_body(settings_.lease));
  count(g);
  auto granted = g.delivered ? cluster::parse_grant(g.body) : fail("etcd", g.error);
  if (!granted) {
    logger_.log(3, "%CLUSTER-3-ETCD: cannot register node " + self + " (" +
                       granted.error().message +
                       "); probing every dial-peer alone until etcd "
                       "answers");
    return Ok{};
  }
  const std::string key = ClusterSync::member_key(self);
  const std::string value = "{\"node\":\"" + self + "\"}";
  const TimePoint give_up = SteadyClock::now() + seconds(settings_.lease) + seconds(2);
  for (;;) {
    auto t =
        client_.exchange_now("/v3/kv/txn", cluster::create_key_txn_body(key, value, granted->id));
    count(t);
    auto txn = t.delivered ? cluster::parse_txn(t.body) : fail("etcd", t.error);
    if (txn && txn->succeeded) break;
    if (SteadyClock::now() >= give_up || (!txn && txn.error().code != "etcd")) {
      client_.exchange_now("/v3/lease/revoke", cluster::lease_id_body(granted->id));
      if (txn)
        return fail("cluster", "node name " + self +
                                   " is already in use by a running gatewatch (etcd key " + key +
                                   " held by another lease)");
      return fail("cluster", "cannot register node " + self + ": " + txn.error().message);
    }
    // The key may be a crashed predecessor's, waiting for its lease to expire.
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  sync_.lease_granted(granted->id, SteadyClock::now());
  sink_.emit(cluster_lease_event(true, self));
  logger_.log(cluster_lease_log_line(true, self, settings_.lease, ""));
  auto rg = client_.exchange_now("/v3/kv/range", cluster::range_prefix_body(cluster::kPrefix));
  if (count(rg)) {
    if (auto range = cluster::parse_range(rg.body)) apply_range(*range);
  }
  return Ok{};
}

void ClusterService::stop() {
  if (!running_) return;
  running_ = false;
  alive_.renew();
  tick_timer_.cancel();
  client_.cancel_watch();
  // Revoked so that the others take over at once; not when etcd was last found unreachable
  // (the stop would wait for its timeout: the lease expires by itself).
  if (sync_.registered() && etcd_ok_) {
    client_.exchange_now("/v3/lease/revoke", cluster::lease_id_body(sync_.lease_id()));
  }
  client_.stop();
}

void ClusterService::arm_tick() {
  if (!running_) return;
  tick_timer_.expires_after(kTick);
  tick_timer_.async_wait([this, alive = alive_.token()](const std::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    tick();
    arm_tick();
  });
}

void ClusterService::tick() {
  const TimePoint now = SteadyClock::now();
  if (sync_.registered() && sync_.lease_lost(now)) on_lease_lost("no keepalive answered");
  if (sync_.registered()) {
    if (!keepalive_in_flight_ && now >= sync_.next_keepalive()) send_keepalive();
    if (!watching_ && now >= watch_retry_ && etcd_ok_) start_watch();
  } else if (!register_in_flight_) {
    register_async();
  }
  if (now >= next_reconcile_) {
    next_reconcile_ = now + seconds(1);
    reconcile();
  }
  flush();
}

void ClusterService::send_keepalive() {
  keepalive_in_flight_ = true;
  const std::int64_t id = sync_.lease_id();
  client_.request("/v3/lease/keepalive", cluster::lease_id_body(id), [this, id](net::EtcdAnswer a) {
    keepalive_in_flight_ = false;
    if (!running_ || id != sync_.lease_id()) return;
    const TimePoint now = SteadyClock::now();
    auto ttl = count(a) ? cluster::parse_keepalive(a.body) : fail("etcd", a.error);
    if (!ttl) {
      sync_.keepalive_failed(now);
      if (watching_) {  // a dead etcd leaves the watch hanging
        client_.cancel_watch();
        watching_ = false;
      }
      return;
    }
    if (*ttl <= 0) return on_lease_lost("etcd no longer knows the lease");
    ++counters_.renewals;
    sync_.keepalive_ok(*ttl, now);
  });
}

void ClusterService::on_lease_lost(std::string why) {
  const std::string& self = sync_.self();
  sync_.lease_dropped();
  client_.cancel_watch();
  watching_ = false;
  sink_.emit(cluster_lease_event(false, self));
  logger_.log(cluster_lease_log_line(false, self, settings_.lease, why));
}

// Registering again after the lease was lost: grant, create the member key, re-read, watch.
void ClusterService::register_async() {
  register_in_flight_ = true;
  client_.request(
      "/v3/lease/grant", cluster::lease_grant_body(settings_.lease), [this](net::EtcdAnswer a) {
        auto g = count(a) ? cluster::parse_grant(a.body) : fail("etcd", a.error);
        if (!running_ || !g) {
          register_in_flight_ = false;
          return;
        }
        const std::string& self = sync_.self();
        const std::int64_t id = g->id;
        client_.request(
            "/v3/kv/txn",
            cluster::create_key_txn_body(ClusterSync::member_key(self),
                                         "{\"node\":\"" + self + "\"}", id),
            [this, id](net::EtcdAnswer t) {
              auto txn = count(t) ? cluster::parse_txn(t.body) : fail("etcd", t.error);
              if (!running_ || !txn || !txn->succeeded) {
                // Our old key still waits for its lease to expire: the next tick tries again.
                client_.request("/v3/lease/revoke", cluster::lease_id_body(id),
                                [this](net::EtcdAnswer r) { count(r); });
                register_in_flight_ = false;
                return;
              }
              sync_.lease_granted(id, SteadyClock::now());
              sink_.emit(cluster_lease_event(true, sync_.self()));
              logger_.log(cluster_lease_log_line(true, sync_.self(), settings_.lease, ""));
              sink_.emit(cluster_member_event(true, sync_.self()));  // this node (re)joined
              reread([this] {
                register_in_flight_ = false;
                start_watch();
                reconcile();  // what was seen while away
              });
            });
      });
}

void ClusterService::reread(std::function<void()> then) {
  client_.request("/v3/kv/range", cluster::range_prefix_body(cluster::kPrefix),
                  [this, then = std::move(then)](net::EtcdAnswer a) {
                    if (!running_) return;
                    auto r = count(a) ? cluster::parse_range(a.body) : fail("etcd", a.error);
                    if (r) apply_range(*r);
                    sync_.rerange_done();
                    then();
                  });
}

void ClusterService::start_watch() {
  client_.cancel_watch();
  stream_ = cluster::WatchStream();
  watching_ = true;
  ++counters_.watch_restarts;
  client_.watch(
      cluster::watch_create_body(cluster::kPrefix, sync_.watch_revision() + 1),
      [this](std::string chunk) { on_watch_chunk(std::move(chunk)); },
      [this](std::string why) { on_watch_end(std::move(why)); });
}

void ClusterService::on_watch_chunk(std::string chunk) {
  if (!running_ || !watching_) return;
  auto msgs = stream_.feed(chunk);
  if (!msgs) {
    ++counters_.errors;
    logger_.log(4, "%CLUSTER-4-WATCH: " + msgs.error().message + "; watching again");
    client_.cancel_watch();
    return on_watch_end(msgs.error().message);
  }
  for (const auto& m : *msgs) {
    ++counters_.watch_messages;
    apply_changes(sync_.on_watch(m));
    if (sync_.needs_rerange()) {
      client_.cancel_watch();
      watching_ = true;  // no other watch meanwhile
      reread([this] { start_watch(); });
      return;
    }
    if (!sync_.registered()) return;  // our member key went away: registering again
  }
}

void ClusterService::on_watch_end(std::string /*why*/) {
  watching_ = false;
  watch_retry_ = SteadyClock::now() + seconds(1);
}

void ClusterService::flush() {
  if (txn_in_flight_ || !sync_.registered() || sync_.pending() == 0) return;
  auto batch = sync_.next_batch();
  txn_in_flight_ = true;
  const std::size_t n = batch.size();
  std::string body = cluster::puts_txn_body(batch);  // before `batch` moves into the callback
  client_.request("/v3/kv/txn", std::move(body),
                  [this, n, batch = std::move(batch)](net::EtcdAnswer a) mutable {
                    txn_in_flight_ = false;
                    auto t = count(a) ? cluster::parse_txn(a.body) : fail("etcd", a.error);
                    if (!t) return sync_.batch_failed(std::move(batch));
                    ++counters_.txns;
                    counters_.published += n;
                    if (running_) flush();  // what queued meanwhile, at once
                  });
}

}  // namespace gw::daemon
