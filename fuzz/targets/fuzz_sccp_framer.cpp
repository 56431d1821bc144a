// fuzz_sccp_framer: Framer fed the input in random chunk sizes (first byte seeds them), popping
// every whole frame after each feed and decoding it.
// Properties: never crashes; buffered() never exceeds kMaxBuffered; every frame popped is at
// least a header and at most kMaxDataLength + 8 bytes and its data_length matches its size (so
// decode never says length_mismatch); every decoded message round-trips; errors are terminal.
#include <cstddef>
#include <cstdint>
#include <string>

#include "chunker.hpp"
#include "fuzz_check.hpp"
#include "sccp/framer.hpp"
#include "sccp_roundtrip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using gw::sccp::Framer;
  gw::fuzz::Chunker chunks(data, size, 8192);
  Framer f;
  for (std::string_view c = chunks.next(); !c.empty(); c = chunks.next()) {
    auto fed = f.feed(c);
    FUZZ_CHECK(f.buffered() <= Framer::kMaxBuffered, "buffer over its bound");
    if (!fed) {
      FUZZ_CHECK(f.failed(), "a feed error must be terminal");
      FUZZ_CHECK(!f.feed("x").ok() && !f.pop(), "the framer works after an error");
      break;
    }
    while (auto frame = f.pop()) {
      FUZZ_CHECK(frame->size() >= gw::sccp::kHeaderSize, "frame shorter than a header");
      FUZZ_CHECK(frame->size() <= Framer::kMaxDataLength + 8, "frame over the length limit");
      auto m = gw::sccp::decode(*frame);
      if (!m) {
        FUZZ_CHECK(m.error().code != "sccp.length_mismatch", "the framer cut a frame wrongly");
        continue;
      }
      gw::fuzz::check_roundtrip(*m);
    }
  }
  return 0;
}
