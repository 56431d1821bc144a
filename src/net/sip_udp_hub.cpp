#include "net/sip_udp_hub.hpp"

#include <utility>

namespace gw::net {

SipUdpHub::SipUdpHub(asio::io_context& io, sip::SipWireCounters& counters, Duration receive_pacing)
    : io_(io), counters_(counters), receive_pacing_(receive_pacing) {}

SipUdpHub::~SipUdpHub() {
  if (v4_) v4_->close();
  if (v6_) v6_->close();
}

Result<asio::ip::udp::endpoint> SipUdpHub::open(const asio::ip::address& peer) {
  auto& s = slot(peer);
  if (!s) {
    auto opened =
        UdpSocket::open(io_, UdpSocket::ephemeral_for(peer),
                        [this](std::string_view bytes, const asio::ip::udp::endpoint& from,
                               TimePoint arrived) { on_datagram(bytes, from, arrived); });
    if (!opened) return Unexpected<Error>{opened.error()};
    s = std::move(*opened);
    s->set_receive_pacing(receive_pacing_);
  }
  return s->local_endpoint();
}

Status<> SipUdpHub::send(std::string_view bytes, const asio::ip::udp::endpoint& to) {
  auto local = open(to.address());
  if (!local) return Unexpected<Error>{local.error()};
  slot(to.address())->send_to(bytes, to);
  return Ok{};
}

void SipUdpHub::expect(const Expectation& expectation) {
  const std::string_view branch = expectation.request->branch;
  // A stale entry would keep a view of another request's branch.
  release(expected_.extract(branch));
  if (spare_.empty()) {
    expected_.emplace(branch, expectation);
    return;
  }
  Expected::node_type node = std::move(spare_.back());
  spare_.pop_back();
  node.key() = branch;
  node.mapped() = expectation;
  expected_.insert(std::move(node));
}

void SipUdpHub::forget(std::string_view branch) {
  release(expected_.extract(branch));
}

void SipUdpHub::release(Expected::node_type node) {
  if (node && spare_.size() < kSpareNodes) spare_.push_back(std::move(node));
}

asio::ip::address SipUdpHub::source_address_for(const asio::ip::address& peer) {
  // A connected UDP socket sends nothing; the kernel only picks the route and source address.
  asio::io_context io;
  asio::ip::udp::socket probe(io);
  std::error_code ec;
  probe.open(peer.is_v6() ? asio::ip::udp::v6() : asio::ip::udp::v4(), ec);
  if (!ec) probe.connect(asio::ip::udp::endpoint(peer, 9), ec);
  asio::ip::udp::endpoint local;
  if (!ec) local = probe.local_endpoint(ec);
  if (ec)
    return peer.is_v6() ? asio::ip::address(asio::ip::address_v6::any())
                        : asio::ip::address(asio::ip::address_v4::any());
  return local.address();
}

const std::string& SipUdpHub::local_host_for(const asio::ip::address& peer) {
  auto it = sources_.find(peer);
  if (it != sources_.end()) return it->second;
  if (sources_.size() >= kSourceCache) sources_.clear();
  return sources_.emplace(peer, source_address_for(peer).to_string()).first->second;
}

sip::SipWireCounters SipUdpHub::counters() const {
  sip::SipWireCounters c = counters_;
  if (v4_) c.icmp_errors += v4_->counters().icmp_errors;
  if (v6_) c.icmp_errors += v6_->counters().icmp_errors;
  return c;
}

namespace {
// IPv4-mapped IPv6 senders compare equal to their IPv4 form.
asio::ip::address plain(const asio::ip::address& a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, a.to_v6());
  }
  return a;
}
}  // namespace

void SipUdpHub::on_datagram(std::string_view bytes, const asio::ip::udp::endpoint& from,
                            TimePoint arrived) {
  if (!sip::parse_response(bytes, scratch_)) {
    ++counters_.malformed;
    return;
  }
  const sip::Response& r = scratch_;
  auto it = expected_.find(std::string_view(r.vias.front().branch));
  if (it == expected_.end()) {
    ++counters_.unmatched;
    return;
  }
  const Expectation& e = it->second;
  if (!sip::match(r, *e.request) || plain(from.address()) != plain(e.peer.address()) ||
      from.port() != e.peer.port()) {
    ++counters_.unmatched;
    return;
  }
  ++counters_.responses;
  e.listener->on_udp_response(r, arrived,
                              bytes);  // it may forget() its entry: `e` is not used after this
}

}  // namespace gw::net
