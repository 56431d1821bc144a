// Seeded mutation smoke tests: wire input never crashes the parser or the framer (run these
// under GW_SANITIZE=ON to catch memory errors). Not a fuzzer; the fuzzers reach the same APIs.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "sip/response.hpp"
#include "sip/stream_framer.hpp"

namespace gw::sip {
namespace {

const std::string kSeed =
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP [2001:db8::1]:5062;branch=z9hG4bKx;rport=5062, SIP/2.0/TCP h;branch=\"q\"\r\n"
    "From: \"A\" <sip:a@b;x=y>;tag=1\r\nTo: sip:c@d;tag=2\r\nCall-ID: id\r\n"
    "CSeq: 7 OPTIONS\r\nContent-Length: 4\r\n\r\nbody";

std::string mutate(std::string s, std::mt19937_64& rng) {
  static constexpr char kAlphabet[] = "\r\n \t:;,=<>\"\\[]/0123456789abcSIP";
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    const std::size_t at = rng() % s.size();
    const char c = kAlphabet[rng() % (sizeof(kAlphabet) - 1)];
    switch (rng() % 3) {
      case 0:
        s[at] = c;
        break;
      case 1:
        s.insert(s.begin() + static_cast<long>(at), c);
        break;
      default:
        s.erase(at, 1 + rng() % 8);
        break;
    }
  }
  return s;
}

TEST(Robustness, MutatedResponsesNeverCrashTheParser) {
  std::mt19937_64 rng(2024);
  int accepted = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto r = parse_response(mutate(kSeed, rng));
    if (r.ok()) {
      ++accepted;
      EXPECT_GE(r->status, 100);
      EXPECT_LE(r->status, 699);
      EXPECT_FALSE(r->vias.empty());
    } else {
      EXPECT_FALSE(r.error().code.empty());
    }
  }
  EXPECT_GT(accepted, 0);
}

TEST(Robustness, RandomChunkingNeverChangesWhatTheFramerYields) {
  std::mt19937_64 rng(7);
  std::string stream;
  for (int i = 0; i < 50; ++i) stream += (i % 5 == 0 ? "\r\n\r\n" : "") + kSeed;
  StreamFramer f;
  int messages = 0;
  for (std::size_t at = 0; at < stream.size();) {
    const std::size_t n = std::min<std::size_t>(1 + rng() % 300, stream.size() - at);
    ASSERT_TRUE(f.feed(std::string_view(stream).substr(at, n)).ok());
    at += n;
    for (;;) {
      auto m = f.next();
      ASSERT_TRUE(m.ok()) << m.error().code;
      if (!m->has_value()) break;
      EXPECT_EQ(**m, kSeed);
      ++messages;
    }
  }
  EXPECT_EQ(messages, 50);
}

TEST(Robustness, MutatedStreamsEndInMessagesOrATerminalErrorNeverACrash) {
  std::mt19937_64 rng(99);
  for (int i = 0; i < 2000; ++i) {
    StreamFramer f;
    const std::string s = mutate(kSeed + kSeed, rng);
    if (!f.feed(s).ok()) continue;
    for (int guard = 0; guard < 10; ++guard) {
      auto m = f.next();
      if (!m.ok() || !m->has_value()) break;
      (void)parse_response(**m);
    }
    EXPECT_LE(f.buffered(), StreamFramer::kMaxBufferedBytes);
  }
}

}  // namespace
}  // namespace gw::sip
