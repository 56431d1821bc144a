// SipProber: runs SIP OPTIONS keepalive attempts for ONE configured target on Asio — the wire
// side of a keepalive::TargetSession. The protocol decisions stay in the pure layers:
// sip::build_options builds the request, sip::ClientTransaction says when to (re)send and when
// the attempt has failed, keepalive::outcome_of turns the finished transaction into an outcome.
//
// Contract:
// - attempt(params, done) runs one attempt; at most one at a time (a second call while one runs
//   is refused with Error{"busy"} and done is not called). done(outcome) is called exactly once,
//   later from the io_context, never inside attempt(), unless cancel() or destruction comes
//   first (then never).
// - Where: the host is resolved through the Resolver (IP literals without DNS) and the answer
//   is cached for its TTL; a failed lookup is the failed outcome "dns" without sending.
//   address() is the "ip:port" (IPv6 in brackets) of the last attempt, or "host:port" before
//   any resolution succeeded.
// - UDP: sent through the shared SipUdpHub (see there for matching and dropped input),
//   retransmitted as the transaction says.
// - TCP/TLS: one connection per target, reused across attempts and re-opened when it closed;
//   the request is sent once. Connection refused/reset or a TLS failure ends the attempt at once
//   with that reason. Responses are cut by sip::StreamFramer; a framing error closes the
//   connection (counted as malformed). Responses that match no running transaction are counted.
// - Timing: the transaction starts when the address is known (after DNS); all durations in
//   params are used as given (the caller has applied --time-scale). A UDP attempt to a cached
//   address starts inside attempt(): its request is queued on the hub's socket and leaves with
//   the other sends of the caller's handler (one sendmmsg for a timer tick's probes).
// - Single-threaded: the io_context's thread. The context (io, resolver, hub, TLS context,
//   counters) must outlive the prober.
#pragma once
#include <asio/io_context.hpp>
#include <asio/ip/address.hpp>
#include <asio/ssl/context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "base/result.hpp"
#include "base/time.hpp"
#include "base/transport.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/settings.hpp"
#include "live/debug_hub.hpp"
#include "net/resolver.hpp"
#include "net/sip_udp_hub.hpp"
#include "net/wheel_timers.hpp"
#include "sip/client_transaction.hpp"
#include "sip/wire_counters.hpp"

namespace gw::net {

// Shared by all probers of a daemon. tls may be null (no TLS context could be built: then
// every TLS attempt fails with "tls"; tls_error says why).
struct SipProbeContext {
  asio::io_context& io;
  Resolver& resolver;
  SipUdpHub& udp;
  sip::SipWireCounters& counters;
  std::shared_ptr<asio::ssl::context> tls;
  std::string tls_error;
  std::mt19937_64& rng;
  // When set, transaction timers live on this shared wheel (one asio timer for every target);
  // otherwise each prober has its own asio::steady_timer. Must outlive the probers.
  WheelTimers* timers = nullptr;
  // `debug ccsip messages`: each OPTIONS sent and each answer matched, full text. May be null.
  daemon::DebugHub* debug = nullptr;
};

struct SipProbeTarget {
  std::string host;                   // IP literal (IPv6 without brackets) or DNS name
  std::optional<std::uint16_t> port;  // configured port; none: SRV, then the default
  Transport transport = Transport::udp;
};

struct SipProbeParams {
  int retries = keepalive::sip_ua::kRetryKeepalive.default_value;
  Duration t1 = sip::kDefaultT1;
  Duration t2 = sip::kDefaultT2;
};

class SipProber {
 public:
  using Done = std::function<void(const keepalive::AttemptOutcome&)>;

  SipProber(SipProbeContext& context, SipProbeTarget target);
  ~SipProber();
  SipProber(const SipProber&) = delete;
  SipProber& operator=(const SipProber&) = delete;

  Status<> attempt(const SipProbeParams& params, Done done);
  void cancel();
  bool running() const;
  std::string address() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

// "ip:port" with IPv6 in brackets.
std::string endpoint_text(const asio::ip::address& a, std::uint16_t port);

}  // namespace gw::net
