// check_roundtrip(): the codec property both SCCP fuzz targets assert on a decoded message.
// Contract: encode(msg) must decode again, and re-encoding that must give the same bytes
// (encode normalises once: truncated strings, capped capability counts; after that it is a
// fixed point). Aborts through FUZZ_CHECK otherwise.
#pragma once
#include <string>

#include "fuzz_check.hpp"
#include "sccp/messages.hpp"

namespace gw::fuzz {

inline void check_roundtrip(const sccp::Message& msg) {
  const std::string once = sccp::encode(msg);
  FUZZ_CHECK(once.size() >= sccp::kHeaderSize, "encode() gave less than a header");
  auto again = sccp::decode(once);
  FUZZ_CHECK(again.ok(), "a re-encoded message does not decode");
  FUZZ_CHECK(again->index() == msg.index(), "re-decoded as another message type");
  FUZZ_CHECK(sccp::encode(*again) == once, "encode(decode(encode(m))) != encode(m)");
  FUZZ_CHECK(sccp::id_of(*again) == sccp::id_of(msg), "id changed across a round trip");
  (void)sccp::name(*again);
}

}  // namespace gw::fuzz
