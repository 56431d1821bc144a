// SipUdpHub: the UDP side of SIP keepalive. One socket per address family, shared by every
// UDP target; each running transaction registers what it expects and gets only its responses.
//
// Contract:
// - open(family_of) binds the family's socket (any address, kernel-chosen port) if not yet
//   open; bind failure is Error{"io"}. send() opens lazily as well.
// - expect(expectation) registers a running transaction under its request's Via branch; a
//   datagram is delivered to its listener only when it parses (else counters.malformed), its
//   top Via branch names a registered transaction, sip::match() accepts it (Call-ID, CSeq,
//   method) AND it came from exactly the address and port the request was sent to; anything
//   else is dropped and counted in counters.unmatched (replays and late answers included: the
//   entry is gone by then). forget(branch) removes the entry; the listener is never called
//   after it. The request and the listener are the caller's: both must stay valid, and the
//   request unchanged, until forget().
// - Memory: one entry per running transaction (one per target); datagrams are not kept. Every
//   answer is parsed into one reused sip::Response, and send() copies the bytes into the
//   socket's reused send buffer. A forgotten entry's map node is kept for the next expect()
//   (at most kSpareNodes of them): after warm-up a probe allocates nothing here.
// - With receive pacing (constructor), a burst of answers is read once per pacing period, so
//   an answer may reach its listener up to that late (its RTT reads that much longer).
// - Single-threaded (the io_context's thread). The listener may call forget() and expect().
#pragma once
#include <asio/io_context.hpp>
#include <asio/ip/udp.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "net/udp_socket.hpp"
#include "sip/options_request.hpp"
#include "sip/response.hpp"
#include "sip/wire_counters.hpp"

namespace gw::net {

class SipUdpHub {
 public:
  // Told about the answer to its request (see the contract above).
  class Listener {
   public:
    // `arrived`: the datagram's arrival time (UdpSocket's kernel timestamp).
    // `raw`: the datagram as received (for `debug ccsip messages`).
    virtual void on_udp_response(const sip::Response& response, TimePoint arrived,
                                 std::string_view raw) = 0;

   protected:
    ~Listener() = default;
  };
  struct Expectation {
    const sip::OptionsRequest* request = nullptr;
    asio::ip::udp::endpoint peer;
    Listener* listener = nullptr;
  };

  // receive_pacing: see UdpSocket::set_receive_pacing (zero: off).
  SipUdpHub(asio::io_context& io, sip::SipWireCounters& counters, Duration receive_pacing = {});
  ~SipUdpHub();
  SipUdpHub(const SipUdpHub&) = delete;
  SipUdpHub& operator=(const SipUdpHub&) = delete;

  // Binds the socket of `peer`'s family if needed; its local endpoint.
  Result<asio::ip::udp::endpoint> open(const asio::ip::address& peer);
  Status<> send(std::string_view bytes, const asio::ip::udp::endpoint& to);
  void expect(const Expectation& expectation);
  void forget(std::string_view branch);

  // The local address the kernel would use to reach `peer` (for Via sent-by); the unspecified
  // address of the family when there is no route.
  static asio::ip::address source_address_for(const asio::ip::address& peer);
  // The same as text (IPv6 without brackets), cached per peer address (at most kSourceCache
  // entries; the cache is emptied when full): one probe per keepalive attempt would otherwise
  // cost a socket and a connect. The reference is valid until the next call.
  const std::string& local_host_for(const asio::ip::address& peer);
  static constexpr std::size_t kSourceCache = 4096;

  // The counters with the sockets' ICMP error counts folded in.
  sip::SipWireCounters counters() const;
  std::size_t pending() const { return expected_.size(); }
  static constexpr std::size_t kSpareNodes = 1024;

 private:
  void on_datagram(std::string_view bytes, const asio::ip::udp::endpoint& from, TimePoint arrived);
  std::shared_ptr<UdpSocket>& slot(const asio::ip::address& a) { return a.is_v6() ? v6_ : v4_; }

  asio::io_context& io_;
  sip::SipWireCounters& counters_;
  Duration receive_pacing_;
  std::shared_ptr<UdpSocket> v4_;
  std::shared_ptr<UdpSocket> v6_;
  using Expected = std::map<std::string_view, Expectation>;
  void release(Expected::node_type node);
  Expected expected_;                                 // by Via branch (the request's string)
  std::vector<Expected::node_type> spare_;            // forgotten entries' nodes, for reuse
  std::map<asio::ip::address, std::string> sources_;  // local_host_for()'s cache
  sip::Response scratch_;                             // every answer is parsed into it
};

}  // namespace gw::net
