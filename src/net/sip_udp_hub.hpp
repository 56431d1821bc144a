// SipUdpHub: the UDP side of SIP keepalive. One socket per address family, shared by every
// UDP target; each running transaction registers what it expects and gets only its responses.
//
// Contract:
// - open(family_of) binds the family's socket (any address, kernel-chosen port) if not yet
//   open; bind failure is Error{"io"}. send() opens lazily as well.
// - expect(branch, expectation) registers a running transaction; a datagram is delivered to its
//   handler only when it parses (else counters.malformed), its top Via branch names a registered
//   transaction, sip::match() accepts it (Call-ID, CSeq, method) AND it came from exactly the
//   address and port the request was sent to; anything else is dropped and counted in
//   counters.unmatched (replays and late answers included: the entry is gone by then).
//   forget(branch) removes the entry; the handler is never called after it.
// - Memory: one entry per running transaction (one per target); datagrams are not kept.
// - Single-threaded (the io_context's thread). The handler may call forget() and expect().
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>

#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>

#include "base/result.hpp"
#include "net/sip_wire_counters.hpp"
#include "net/udp_socket.hpp"
#include "sip/options_request.hpp"
#include "sip/response.hpp"

namespace gw::net {

class SipUdpHub {
 public:
  struct Expectation {
    sip::OptionsRequest request;
    asio::ip::udp::endpoint peer;
    std::function<void(const sip::Response&)> on_response;
  };

  SipUdpHub(asio::io_context& io, SipWireCounters& counters);
  ~SipUdpHub();
  SipUdpHub(const SipUdpHub&) = delete;
  SipUdpHub& operator=(const SipUdpHub&) = delete;

  // Binds the socket of `peer`'s family if needed; its local endpoint.
  Result<asio::ip::udp::endpoint> open(const asio::ip::address& peer);
  Status<> send(std::string bytes, const asio::ip::udp::endpoint& to);
  void expect(const std::string& branch, Expectation expectation);
  void forget(const std::string& branch);

  // The local address the kernel would use to reach `peer` (for Via sent-by); the unspecified
  // address of the family when there is no route.
  static asio::ip::address source_address_for(const asio::ip::address& peer);
  // The same, cached per peer address (at most kSourceCache entries; the cache is emptied when
  // full): one probe per keepalive attempt would otherwise cost a socket and a connect.
  asio::ip::address local_address_for(const asio::ip::address& peer);
  static constexpr std::size_t kSourceCache = 4096;

  // The counters with the sockets' ICMP error counts folded in.
  SipWireCounters counters() const;
  std::size_t pending() const { return expected_.size(); }

 private:
  void on_datagram(std::string_view bytes, const asio::ip::udp::endpoint& from);
  std::shared_ptr<UdpSocket>& slot(const asio::ip::address& a) { return a.is_v6() ? v6_ : v4_; }

  asio::io_context& io_;
  SipWireCounters& counters_;
  std::shared_ptr<UdpSocket> v4_;
  std::shared_ptr<UdpSocket> v6_;
  std::map<std::string, Expectation> expected_;  // by Via branch
  std::map<asio::ip::address, asio::ip::address> sources_;
};

}  // namespace gw::net
