#include "net/sip_prober.hpp"

#include <algorithm>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <utility>
#include <vector>

#include "net/sip_debug_tap.hpp"
#include "net/stream_connection.hpp"
#include "sip/options_request.hpp"
#include "sip/stream_framer.hpp"

namespace gw::net {

std::string endpoint_text(const asio::ip::address& a, std::uint16_t port) {
  return sip::host_port(a.to_string(), port);
}

struct SipProber::Impl final : std::enable_shared_from_this<Impl>, SipUdpHub::Listener {
  Impl(SipProbeContext& c, SipProbeTarget t) : ctx(c), target(std::move(t)) {
    if (!ctx.timers) timer = std::make_unique<asio::steady_timer>(c.io);
  }

  struct Cached {
    asio::ip::address address;
    std::uint16_t port = 0;
    TimePoint expires{};
  };

  // Per-target state is kept small (100k dial-peers): what only a running attempt needs lives
  // in Attempt, what only TCP/TLS needs is allocated on first connect. A finished Attempt goes
  // back to a small per-thread pool with its strings' capacity (request identifiers, bytes), so
  // an attempt in the steady state allocates nothing; the pool holds at most kSpareAttempts.
  struct Attempt {
    Done done;
    SipProbeParams params;
    std::optional<sip::ClientTransaction> tx;
    sip::OptionsRequest request;
    std::string bytes;
    asio::ip::udp::endpoint udp_peer;
    bool udp_registered = false;
  };
  static constexpr std::size_t kSpareAttempts = 256;
  static std::vector<std::unique_ptr<Attempt>>& spare_attempts() {
    thread_local std::vector<std::unique_ptr<Attempt>> spare;
    return spare;
  }
  static std::unique_ptr<Attempt> take_attempt() {
    auto& spare = spare_attempts();
    if (spare.empty()) return std::make_unique<Attempt>();
    std::unique_ptr<Attempt> a = std::move(spare.back());
    spare.pop_back();
    return a;
  }
  static void give_back(std::unique_ptr<Attempt> a) {
    if (!a) return;
    auto& spare = spare_attempts();
    if (spare.size() >= kSpareAttempts) return;
    a->done = nullptr;
    a->tx.reset();
    a->udp_registered = false;
    spare.push_back(std::move(a));
  }

  SipProbeContext& ctx;
  SipProbeTarget target;
  std::unique_ptr<asio::steady_timer> timer;  // without a shared wheel only
  WheelTimers::Handle wheel_timer;
  // The last resolved address, kept (marked expired) when a later lookup fails: address()
  // is derived from it, so no "ip:port" text is kept per target.
  std::optional<Cached> cached;

  bool running = false;
  // 32 bits are plenty: a stale callback is at most a few attempts old.
  std::uint32_t generation = 0;  // bumped per attempt and on cancel: stale callbacks see it
  std::uint32_t timer_seq = 0;   // bumped per arm: a fired-but-superseded wait sees it
  std::uint32_t next_cseq = 1;
  std::unique_ptr<Attempt> att;  // the running attempt

  // The stream connection (TCP/TLS), kept across attempts.
  std::shared_ptr<StreamConnection> conn;
  bool conn_ready = false;
  std::unique_ptr<sip::StreamFramer> framer;

  bool reliable() const { return target.transport != Transport::udp; }

  void debug_sip(bool sent, std::string_view message) {
    debug_sip_message(ctx.debug, target, cached ? &cached->address : nullptr,
                      cached ? cached->port : 0, sent, message);
  }

  Status<> attempt(const SipProbeParams& p, Done d) {
    if (running) return fail("busy", "an attempt is already running");
    running = true;
    ++generation;
    att = take_attempt();
    att->done = std::move(d);
    att->params = p;
    const auto gen = generation;
    std::weak_ptr<Impl> weak = shared_from_this();
    if (cached && SteadyClock::now() < cached->expires) {
      // UDP to a known address starts at once: the request is queued on the hub's socket and
      // leaves with the other sends of this handler (one sendmmsg). begin() reports its own
      // failures through a post, so done() still never runs inside attempt(). Streams may fail
      // synchronously in their send path, so they start from a posted handler.
      if (!reliable()) {
        begin(cached->address, cached->port, false);
        return Ok{};
      }
      asio::post(ctx.io, [weak, gen] {
        auto self = weak.lock();
        if (self && self->running && self->generation == gen)
          self->begin(self->cached->address, self->cached->port, false);
      });
      return Ok{};
    }
    ctx.resolver.resolve_sip(
        target.host, target.port, target.transport,
        [weak, gen](Result<std::vector<ResolvedAddress>> r) {
          auto self = weak.lock();
          if (!self || !self->running || self->generation != gen) return;
          if (!r || r->empty()) {
            if (self->cached) self->cached->expires = TimePoint{};  // keep it for address()
            return self->finish(keepalive::AttemptOutcome::failed(keepalive::FailureReason::dns));
          }
          const ResolvedAddress& a = r->front();
          const bool moved =
              !self->cached || self->cached->address != a.address || self->cached->port != a.port;
          self->cached = Cached{a.address, a.port, SteadyClock::now() + a.ttl};
          self->begin(a.address, a.port, moved);
        });
    return Ok{};
  }

  // `moved`: the address may differ from the last attempt's (false: the cached one was used).
  void begin(const asio::ip::address& address, std::uint16_t port, bool moved) {
    if (moved && reliable()) drop_connection();  // the target moved
    att->tx.emplace(reliable(), att->params.retries, att->params.t1, att->params.t2);
    (void)att->tx->start(SteadyClock::now());
    arm_timer();
    // Every field set (a reused Attempt's strings keep their capacity).
    sip::OptionsRequest& rq = att->request;
    rq.transport = target.transport;
    rq.target_host.assign(target.host);
    rq.target_port = port;
    rq.local_host.clear();
    rq.local_port = sip::OptionsRequest{}.local_port;
    sip::make_branch(ctx.rng, rq.branch);
    sip::make_tag(ctx.rng, rq.from_tag);
    rq.call_id.clear();
    rq.cseq = next_cseq++;
    if (next_cseq > 0x7fffffff) next_cseq = 1;
    if (reliable()) return begin_stream(address, port);

    att->udp_peer = asio::ip::udp::endpoint(address, port);
    auto local = ctx.udp.open(address);
    if (!local) return post_transport_failure(sip::TransportError::refused);
    rq.local_host.assign(ctx.udp.local_host_for(address));
    rq.local_port = local->port();
    sip::make_call_id(ctx.rng, rq.local_host, rq.call_id);
    sip::build_options(rq, att->bytes);
    ctx.udp.expect(
        SipUdpHub::Expectation{&att->request, att->udp_peer, this});  // forget()'s in stop()
    att->udp_registered = true;
    debug_sip(true, att->bytes);
    (void)ctx.udp.send(att->bytes, att->udp_peer);
    ++ctx.counters.sent;
  }

  void begin_stream(const asio::ip::address& address, std::uint16_t port) {
    if (conn && conn->is_open() && conn_ready) return send_stream();
    drop_connection();
    if (target.transport == Transport::tls) {
      if (!ctx.tls) return post_transport_failure(sip::TransportError::tls);
      auto c = StreamConnection::tls(ctx.io, ctx.tls, target.host);
      if (!c) return post_transport_failure(sip::TransportError::tls);
      conn = std::move(*c);
    } else {
      conn = StreamConnection::tcp(ctx.io);
    }
    std::weak_ptr<Impl> weak = shared_from_this();
    StreamConnection::Handlers h;
    auto* raw = conn.get();
    h.on_data = [weak, raw](std::string_view data) {
      auto self = weak.lock();
      if (self && self->conn.get() == raw) self->on_stream_data(data);
    };
    h.on_error = [weak, raw](const Error& e) {
      auto self = weak.lock();
      if (self && self->conn.get() == raw) self->on_stream_error(e);
    };
    const auto gen = generation;
    conn->connect(asio::ip::tcp::endpoint(address, port),
                  sip::attempt_timeout(att->params.retries, att->params.t1, att->params.t2),
                  std::move(h), [weak, raw, gen](Status<> s) {
                    auto self = weak.lock();
                    if (!self || self->conn.get() != raw) return;
                    if (s) {
                      self->conn_ready = true;
                      if (self->running && self->generation == gen) self->send_stream();
                      return;
                    }
                    self->conn.reset();
                    if (!self->running || self->generation != gen) return;
                    const std::string& code = s.error().code;
                    if (code == "timeout") return;  // the transaction's own deadline decides
                    self->transport_failure(code == "refused" ? sip::TransportError::refused
                                            : code == "tls"   ? sip::TransportError::tls
                                                              : sip::TransportError::reset);
                  });
  }

  void send_stream() {
    if (!att || !att->tx || att->tx->finished()) return;
    auto local = conn->local_endpoint();
    if (local) {
      att->request.local_host = local->address().to_string();
      att->request.local_port = local->port();
    }
    sip::make_call_id(ctx.rng, att->request.local_host, att->request.call_id);
    sip::build_options(att->request, att->bytes);
    debug_sip(true, att->bytes);
    conn->send(att->bytes);
    ++ctx.counters.sent;
  }

  void on_stream_data(std::string_view data) {
    if (!framer) framer = std::make_unique<sip::StreamFramer>();
    if (!framer->feed(data)) return framing_error();
    for (;;) {
      auto next = framer->next();
      if (!next) return framing_error();
      if (!*next) return;
      auto parsed = sip::parse_response(**next);
      if (!parsed) {
        ++ctx.counters.malformed;
        continue;
      }
      if (!running || !att || !att->tx || att->tx->finished() ||
          !sip::match(*parsed, att->request)) {
        ++ctx.counters.unmatched;
        continue;
      }
      ++ctx.counters.responses;
      debug_sip(false, **next);
      on_response(parsed->status, SteadyClock::now());
      if (!conn) return;
    }
  }

  void framing_error() {
    ++ctx.counters.malformed;
    drop_connection();
    if (running && att && att->tx && !att->tx->finished())
      transport_failure(sip::TransportError::reset);
  }

  void on_stream_error(const Error& e) {
    drop_connection();
    if (running && att && att->tx && !att->tx->finished())
      transport_failure(e.code == "tls" ? sip::TransportError::tls : sip::TransportError::reset);
  }

  void drop_connection() {
    if (conn) conn->close();
    conn.reset();
    conn_ready = false;
    framer.reset();
  }

  void on_udp_response(const sip::Response& r, TimePoint arrived, std::string_view raw) override {
    if (!running) return;
    debug_sip(false, raw);
    auto self = shared_from_this();  // done() may drop the prober
    on_response(r.status, arrived);
  }

  // `arrived`: when the response arrived (stream transports: when it was read).
  void on_response(int status, TimePoint arrived) {
    if (!att || !att->tx) return;
    // Within [first send, now]: the kernel's clock mapping must not make the RTT negative.
    const TimePoint at = std::clamp(arrived, att->tx->started_at(), SteadyClock::now());
    auto a = att->tx->on_response(status, at);
    if (a && *a == sip::TxAction::completed) finish_tx();
  }

  void transport_failure(sip::TransportError e) {
    if (!att || !att->tx) return;
    auto a = att->tx->on_transport_error(e, SteadyClock::now());
    if (a && *a == sip::TxAction::failed) finish_tx();
  }

  void post_transport_failure(sip::TransportError e) {
    std::weak_ptr<Impl> weak = shared_from_this();
    asio::post(ctx.io, [weak, e, gen = generation] {
      auto self = weak.lock();
      if (self && self->running && self->generation == gen) self->transport_failure(e);
    });
  }

  void arm_timer() {
    if (!att || !att->tx) return;
    const auto deadline = att->tx->next_deadline();
    const auto seq = ++timer_seq;
    cancel_timer();
    if (!deadline) return;
    if (ctx.timers) {
      // A raw pointer (16 bytes with seq: no allocation in std::function): stop() cancels the
      // wheel timer, and the prober's destructor calls stop(), so it never dangles.
      wheel_timer = ctx.timers->schedule(*deadline, [raw = this, seq] {
        if (raw->timer_seq != seq || !raw->running || !raw->att || !raw->att->tx) return;
        auto self = raw->shared_from_this();  // done() may drop the prober
        raw->on_timer();
      });
      return;
    }
    std::weak_ptr<Impl> weak = shared_from_this();
    timer->expires_at(*deadline);
    timer->async_wait([weak, seq](const std::error_code& ec) {
      auto self = weak.lock();
      if (ec || !self || self->timer_seq != seq || !self->running || !self->att || !self->att->tx)
        return;
      self->on_timer();
    });
  }

  void cancel_timer() {
    if (ctx.timers) {
      ctx.timers->cancel(wheel_timer);
      wheel_timer = {};
    } else {
      timer->cancel();
    }
  }

  void on_timer() {
    auto a = att->tx->on_timer(SteadyClock::now());
    if (!a) return;
    if (*a == sip::TxAction::failed) return finish_tx();
    if (*a == sip::TxAction::retransmit && !reliable()) {
      (void)ctx.udp.send(att->bytes, att->udp_peer);
      ++ctx.counters.retransmissions;
    }
    arm_timer();
  }

  void finish_tx() {
    auto outcome = keepalive::outcome_of(*att->tx);
    finish(outcome ? *outcome
                   : keepalive::AttemptOutcome::failed(keepalive::FailureReason::timeout));
  }

  void finish(const keepalive::AttemptOutcome& outcome) {
    Done d = std::move(att->done);
    stop();
    if (d) d(outcome);
  }

  void stop() {
    ++generation;
    ++timer_seq;
    cancel_timer();
    if (att && att->udp_registered) ctx.udp.forget(att->request.branch);
    running = false;
    give_back(std::move(att));  // idle probers keep no request text: compact per-target state
    att.reset();
  }
};

SipProber::SipProber(SipProbeContext& context, SipProbeTarget target)
    : impl_(std::make_shared<Impl>(context, std::move(target))) {}

SipProber::~SipProber() {
  impl_->stop();
  impl_->drop_connection();
}

Status<> SipProber::attempt(const SipProbeParams& params, Done done) {
  return impl_->attempt(params, std::move(done));
}

void SipProber::cancel() {
  impl_->stop();
}

bool SipProber::running() const {
  return impl_->running;
}

std::string SipProber::address() const {
  const auto& c = impl_->cached;
  return c ? endpoint_text(c->address, c->port) : configured_sip_address(impl_->target);
}

}  // namespace gw::net
