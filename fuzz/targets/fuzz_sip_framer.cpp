// fuzz_sip_framer: StreamFramer fed the input in random chunk sizes (first byte seeds them),
// draining next() after every feed until it yields nothing.
// Properties: never crashes; buffered() never exceeds kMaxBufferedBytes, and after draining
// without error it is at most kMaxMessageBytes; every message is at most kMaxMessageBytes and
// ends its header block with CRLFCRLF; errors are terminal (feed and next keep failing with the
// same code); the messages and the final error do not depend on the chunking (compared with
// one single feed of the whole payload).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "chunker.hpp"
#include "fuzz_check.hpp"
#include "sip/response.hpp"
#include "sip/stream_framer.hpp"

namespace {

using gw::sip::StreamFramer;

struct Outcome {
  std::vector<std::string> messages;
  std::string error;  // empty when the stream did not fail
};

// Drains `f`; false once the framer failed.
bool drain(StreamFramer& f, Outcome& out) {
  for (;;) {
    auto m = f.next();
    if (!m) {
      out.error = m.error().code;
      FUZZ_CHECK(f.failed() && f.buffered() == 0, "an error must be terminal and free the buffer");
      auto again = f.next();
      FUZZ_CHECK(!again && again.error().code == out.error, "next() after an error");
      auto fed = f.feed("x");
      FUZZ_CHECK(!fed && fed.error().code == out.error, "feed() after an error");
      return false;
    }
    if (!*m) break;
    const std::string& msg = **m;
    FUZZ_CHECK(msg.size() <= gw::sip::kMaxMessageBytes, "message over kMaxMessageBytes");
    FUZZ_CHECK(msg.find("\r\n\r\n") != std::string::npos, "message without a header end");
    (void)gw::sip::parse_response(msg);  // what the net layer does next; must not crash
    out.messages.push_back(msg);
  }
  FUZZ_CHECK(f.buffered() <= gw::sip::kMaxMessageBytes, "drained framer holds over one message");
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gw::fuzz::Chunker chunks(data, size, 4096);

  Outcome chunked;
  StreamFramer f;
  for (std::string_view c = chunks.next(); !c.empty(); c = chunks.next()) {
    auto fed = f.feed(c);
    FUZZ_CHECK(f.buffered() <= StreamFramer::kMaxBufferedBytes, "buffer over its bound");
    if (!fed) {
      chunked.error = fed.error().code;
      break;
    }
    if (!drain(f, chunked)) break;
  }

  // The same bytes in one read give the same messages and the same verdict.
  if (chunks.payload().size() <= StreamFramer::kMaxFeedBytes) {
    Outcome whole;
    StreamFramer g;
    auto fed = g.feed(chunks.payload());
    FUZZ_CHECK(fed.ok(), "one read within kMaxFeedBytes must be accepted");
    drain(g, whole);
    FUZZ_CHECK(whole.messages == chunked.messages, "messages depend on the chunking");
    FUZZ_CHECK(whole.error == chunked.error, "the verdict depends on the chunking");
  }
  return 0;
}
