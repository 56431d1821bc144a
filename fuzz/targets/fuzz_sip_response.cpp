// fuzz_sip_response: parse_response() on one datagram of arbitrary bytes.
// Properties: never crashes; a parsed response has a status in 100..699, at least one Via and
// at most kMaxViaEntries, a non-empty Call-ID, a CSeq below 2^31, and a body no longer than the
// input; match() against a fixed request never crashes, and a response that matches carries
// exactly the request's branch, Call-ID and CSeq.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "sip/response.hpp"

namespace {

const gw::sip::OptionsRequest& fixed_request() {
  static const gw::sip::OptionsRequest request = [] {
    gw::sip::OptionsRequest r;
    r.target_host = "192.0.2.10";
    r.local_host = "192.0.2.1";
    r.local_port = 5062;
    r.branch = "z9hG4bKaaaa";
    r.call_id = "abc@192.0.2.1";
    r.from_tag = "f00d";
    r.cseq = 7;
    return r;
  }();
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto r = gw::sip::parse_response(input);
  if (!r) {
    FUZZ_CHECK(!r.error().code.empty(), "an error must be named");
    return 0;
  }
  FUZZ_CHECK(size <= gw::sip::kMaxMessageBytes, "oversized input parsed");
  FUZZ_CHECK(r->status >= 100 && r->status <= 699, "status out of range");
  FUZZ_CHECK(!r->vias.empty() && r->vias.size() <= gw::sip::kMaxViaEntries, "via count");
  FUZZ_CHECK(!r->call_id.empty(), "empty Call-ID parsed");
  FUZZ_CHECK(r->cseq < 0x80000000u, "CSeq >= 2^31");
  FUZZ_CHECK(r->body.size() <= size, "body longer than the input");
  if (r->content_length) FUZZ_CHECK(r->body.size() == *r->content_length, "body != Content-Length");
  const auto& req = fixed_request();
  if (gw::sip::match(*r, req)) {
    FUZZ_CHECK(r->vias.front().branch == req.branch && r->call_id == req.call_id &&
                   r->cseq == req.cseq && r->cseq_method == "OPTIONS",
               "match() accepted a response to another request");
  }
  return 0;
}
