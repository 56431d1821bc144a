// DNS SRV answers for SIP (RFC 3263 §4.2, RFC 2782): the query name, the records, their order.
//
// Contract:
// - srv_query_name(host, transport) is the SRV name a SIP client asks for: `_sip._udp.HOST`,
//   `_sip._tcp.HOST`, or `_sips._tcp.HOST` for TLS.
// - parse_srv_answer(buf, len) reads a raw DNS response: the SRV records of the answer section
//   and the smallest TTL among them. Malformed input or no SRV record gives Error{"dns", ...};
//   it never throws and never reads outside [buf, buf+len). A lone record whose target is "."
//   (service decidedly not available) gives Error{"dns", ...} too.
// - order_srv() sorts by priority ascending, then weight descending, then target name. This is
//   deterministic on purpose: no randomness in the library; the heaviest record is tried first,
//   which is where RFC 2782's weighted choice sends most traffic anyway.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/transport.hpp"

namespace gw::net {

struct SrvRecord {
  std::string target;
  std::uint16_t port = 0;
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
};

struct SrvAnswer {
  std::vector<SrvRecord> records;
  std::chrono::seconds ttl{0};
};

std::string srv_query_name(std::string_view host, Transport transport);

Result<SrvAnswer> parse_srv_answer(const unsigned char* buf, int len);

std::vector<SrvRecord> order_srv(std::vector<SrvRecord> records);

}  // namespace gw::net
