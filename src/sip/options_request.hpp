// OPTIONS request builder for SIP keepalive (RFC 3261 §11, §8.1.1).
// Contract: build_options() turns an OptionsRequest into the exact bytes to put on the wire:
// CRLF line ends, Content-Length: 0, no body. It never fails; control characters in the text
// fields are dropped so that a field can never inject a header. The caller owns the request and
// supplies every identifier; the make_* helpers derive them from a caller-owned random engine
// (no global state), so tests are deterministic with a seeded engine.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <string_view>

#include "base/transport.hpp"

namespace gw::sip {

// RFC 3261 §8.1.1.7: every branch created by an RFC 3261 element starts with this cookie.
inline constexpr std::string_view kBranchCookie = "z9hG4bK";
// RFC 3261 §8.1.1.6: Max-Forwards SHOULD be 70.
inline constexpr int kMaxForwards = 70;

struct OptionsRequest {
  Transport transport = Transport::udp;
  std::string target_host;  // IP literal (IPv6 without brackets) or DNS name
  std::uint16_t target_port = 5060;
  std::string local_host;  // our address as the peer should see it (IPv6 without brackets)
  std::uint16_t local_port = 5060;
  std::string branch;  // must start with kBranchCookie (see make_branch)
  std::string call_id;
  std::string from_tag;
  std::uint32_t cseq = 1;
  std::string user_agent = "gatewatch";
};

// The complete OPTIONS message, ready to send.
std::string build_options(const OptionsRequest& request);
// The same into `out` (replaced; its capacity is kept): a caller that reuses `out` per attempt
// builds without allocating.
void build_options(const OptionsRequest& request, std::string& out);

// "host:port", with the host in brackets when it is an IPv6 literal (contains ':').
std::string host_port(std::string_view host, std::uint16_t port);

// Fresh identifiers from the caller's engine. Branch: kBranchCookie + 16 hex digits (64 bits of
// entropy, unique per transaction). Call-ID: 32 hex digits, "@local_host" appended when given.
// Tag: 16 hex digits.
std::string make_branch(std::mt19937_64& rng);
std::string make_call_id(std::mt19937_64& rng, std::string_view local_host = {});
std::string make_tag(std::mt19937_64& rng);
// The same into `out` (replaced; its capacity is kept), the same digits for the same engine
// state: the keepalive prober reuses its strings so that an attempt allocates nothing.
void make_branch(std::mt19937_64& rng, std::string& out);
void make_call_id(std::mt19937_64& rng, std::string_view local_host, std::string& out);
void make_tag(std::mt19937_64& rng, std::string& out);

}  // namespace gw::sip
