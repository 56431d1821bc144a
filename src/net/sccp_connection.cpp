// SccpGroupConnection: see sccp_connection.hpp.
#include "net/sccp_connection.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>

#include <asio/post.hpp>
#include <cstring>
#include <type_traits>

#include "report/ios_log.hpp"
#include "sccp/messages.hpp"

namespace gw::net {

namespace {
TimePoint now() {
  return SteadyClock::now();
}
}  // namespace

SccpGroupConnection::SccpGroupConnection(asio::io_context& io, sccp::GroupConfig config,
                                         SccpConnectionOptions options, Resolver* resolver,
                                         EventsFn on_events)
    : io_(io),
      group_(config.group),
      manager_(std::move(config)),
      options_(options),
      resolver_(resolver),
      on_events_(std::move(on_events)),
      timer_(io) {}

SccpGroupConnection::~SccpGroupConnection() {
  stop();
}

void SccpGroupConnection::start() {
  if (running_) return;
  running_ = true;
  manager_.start(now());
  pump();
}

void SccpGroupConnection::shutdown(std::function<void()> done) {
  if (!running_) {
    if (done) done();
    return;
  }
  if (shut_deadline_) return;  // already shutting down
  on_shut_ = std::move(done);
  shut_deadline_ = now() + options_.shutdown_timeout;
  manager_.shutdown(now());
  pump();
}

// The end of shutdown(): every connection is closed, or its bound has passed.
void SccpGroupConnection::finish_shutdown() {
  auto done = std::move(on_shut_);
  stop();
  if (done) done();
}

void SccpGroupConnection::stop() {
  if (!running_) return;
  running_ = false;
  on_shut_ = nullptr;
  shut_deadline_.reset();
  alive_.renew();  // orphans every pending callback
  timer_.cancel();
  for (auto& [id, link] : links_)
    if (link.conn) link.conn->close();
  links_.clear();
}

// Runs the manager's actions until it asks for nothing more, hands its events on, re-arms.
// Executing an action never calls back into the manager synchronously (every completion of
// a connection arrives later from the io_context), so the loop ends.
void SccpGroupConnection::pump() {
  if (!running_) return;
  for (auto actions = manager_.take_actions(); !actions.empty(); actions = manager_.take_actions())
    for (const auto& a : actions) execute(a);
  auto events = manager_.take_events();
  if (!events.empty() && on_events_) {
    Liveness::Token alive = alive_.token();
    on_events_(std::move(events));
    if (alive.expired()) return;  // stopped from inside on_events
  }
  if (shut_deadline_ && (manager_.finished() || now() >= *shut_deadline_)) return finish_shutdown();
  arm_timer();
}

void SccpGroupConnection::execute(const sccp::GroupAction& action) {
  std::visit(
      [this](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, sccp::group_action::Open>) {
          open(a.ccm, a.host, a.port);
        } else if constexpr (std::is_same_v<A, sccp::group_action::Close>) {
          close_link(a.ccm);
        } else {
          auto it = links_.find(a.ccm);
          if (it == links_.end() || !it->second.conn) {
            ++counters_.dropped_sends;
            return;
          }
          counters_.bytes_out += a.bytes.size();
          debug_keepalive(a.ccm, a.bytes, true);
          it->second.conn->send(a.bytes);
        }
      },
      action);
}

// The frames starting in `bytes` (a send is whole frames; a read usually is): their message id
// at offset 8, little-endian, after the length and the header version.
void SccpGroupConnection::debug_keepalive(std::uint32_t ccm, std::string_view bytes, bool sent) {
  daemon::DebugHub* hub = options_.debug;
  if (!hub || !hub->on(daemon::DebugFlag::sccp_keepalive)) return;
  auto u32 = [](std::string_view b, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i)
      v |= static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
  };
  for (std::size_t at = 0; at + 12 <= bytes.size();) {
    const std::uint32_t length = u32(bytes, at);
    const std::uint32_t id = u32(bytes, at + 8);
    const auto want = sent ? sccp::MessageId::KeepAlive : sccp::MessageId::KeepAliveAck;
    if (id == static_cast<std::uint32_t>(want) && hub->admit())
      hub->emit(daemon::ios_timestamp(std::chrono::system_clock::now()) + "SCCP: group " +
                std::to_string(group_) + ": " +
                (sent ? "KeepAlive sent to CCM " : "KeepAliveAck received from CCM ") +
                std::to_string(ccm) + "\n");
    if (length > bytes.size()) break;
    at += 8 + static_cast<std::size_t>(length);
  }
}

bool SccpGroupConnection::current(std::uint32_t ccm, std::uint64_t generation) {
  auto it = links_.find(ccm);
  if (it != links_.end() && it->second.generation == generation) return true;
  ++counters_.stale_input;
  return false;
}

void SccpGroupConnection::close_link(std::uint32_t ccm) {
  auto it = links_.find(ccm);
  if (it == links_.end()) return;
  if (it->second.conn) it->second.conn->close();
  links_.erase(it);
}

void SccpGroupConnection::open(std::uint32_t ccm, const std::string& host, std::uint16_t port) {
  close_link(ccm);
  const std::uint64_t generation = next_generation_++;
  links_[ccm] = Link{nullptr, generation};
  std::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (!ec) {
    connect(ccm, generation, asio::ip::tcp::endpoint(address, port));
    return;
  }
  Liveness::Token alive = alive_.token();
  if (!resolver_) {
    asio::post(io_, [this, alive, ccm, generation] {
      if (!alive.expired()) connect_failed(ccm, generation);
    });
    return;
  }
  resolver_->resolve_sip(host, port, Transport::tcp,
                         [this, alive, ccm, generation](Result<std::vector<ResolvedAddress>> r) {
                           if (alive.expired() || !current(ccm, generation)) return;
                           if (!r || r->empty()) return connect_failed(ccm, generation);
                           const ResolvedAddress& first = r->front();
                           connect(ccm, generation,
                                   asio::ip::tcp::endpoint(first.address, first.port));
                         });
}

void SccpGroupConnection::connect(std::uint32_t ccm, std::uint64_t generation,
                                  const asio::ip::tcp::endpoint& ep) {
  auto conn = StreamConnection::tcp(io_);
  links_[ccm].conn = conn;
  ++counters_.connects;
  Liveness::Token alive = alive_.token();
  StreamConnection::Handlers handlers;
  handlers.on_data = [this, alive, ccm, generation](std::string_view bytes) {
    if (alive.expired() || !current(ccm, generation)) return;
    counters_.bytes_in += bytes.size();
    debug_keepalive(ccm, bytes, false);
    manager_.on_bytes(ccm, bytes, now());
    pump();
  };
  handlers.on_error = [this, alive, ccm, generation](const Error&) {
    if (alive.expired() || !current(ccm, generation)) return;
    ++counters_.closed_by_peer;
    close_link(ccm);
    manager_.on_closed(ccm, now());
    pump();
  };
  conn->connect(ep, options_.connect_timeout, std::move(handlers),
                [this, alive, ccm, generation](Status<> result) {
                  if (alive.expired() || !current(ccm, generation)) return;
                  if (!result) return connect_failed(ccm, generation);
                  manager_.on_connected(ccm, now());
                  pump();
                });
}

void SccpGroupConnection::connect_failed(std::uint32_t ccm, std::uint64_t generation) {
  if (!current(ccm, generation)) return;
  ++counters_.connect_failures;
  close_link(ccm);
  manager_.on_connect_failed(ccm, now());
  pump();
}

void SccpGroupConnection::arm_timer() {
  auto deadline = manager_.deadline();
  if (shut_deadline_ && (!deadline || *shut_deadline_ < *deadline)) deadline = shut_deadline_;
  if (!deadline) {
    timer_.cancel();
    return;
  }
  timer_.expires_at(*deadline);
  Liveness::Token alive = alive_.token();
  timer_.async_wait([this, alive](const std::error_code& ec) {
    if (ec || alive.expired() || !running_) return;
    manager_.on_timer(now());
    pump();
  });
}

Result<std::uint32_t> interface_ipv4(const std::string& name) {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0)
    return fail("config", "getifaddrs: " + std::string(std::strerror(errno)));
  std::optional<std::uint32_t> found;
  for (ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || name != i->ifa_name) continue;
    found = reinterpret_cast<const sockaddr_in*>(i->ifa_addr)->sin_addr.s_addr;
    break;
  }
  ::freeifaddrs(list);
  if (!found) return fail("config", "interface " + name + " has no IPv4 address");
  return *found;
}

}  // namespace gw::net
