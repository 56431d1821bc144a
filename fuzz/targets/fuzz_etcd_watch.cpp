// fuzz_etcd_watch: etcd's watch stream and JSON answers of arbitrary bytes. The payload is fed
// to a WatchStream in random chunk sizes (first byte seeds them) and in one piece; the messages
// go to a ClusterSync; the payload is also parsed as each unary answer.
// Properties: never crashes or throws; the stream's buffer stays within kMaxWatchMessageBytes;
// an error is terminal; the messages and the error do not depend on the chunking; the sync
// keeps its own node among the members, and every published batch holds at most kMaxOpsPerTxn
// puts.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "chunker.hpp"
#include "cluster/cluster_sync.hpp"
#include "cluster/etcd_codec.hpp"
#include "cluster/settings.hpp"
#include "cluster/watch_stream.hpp"
#include "fuzz_check.hpp"

namespace c = gw::cluster;

namespace {

struct Outcome {
  std::size_t messages = 0;
  std::int64_t last_revision = 0;
  bool failed = false;
};

Outcome run(gw::fuzz::Chunker* chunks, std::string_view whole, c::ClusterSync* sync) {
  Outcome out;
  c::WatchStream w;
  const auto feed = [&](std::string_view bytes) {
    auto r = w.feed(bytes);
    FUZZ_CHECK(w.buffered() <= c::kMaxWatchMessageBytes, "watch buffer over its bound");
    if (!r) {
      FUZZ_CHECK(w.dead(), "an error must be terminal");
      FUZZ_CHECK(!w.feed("{}"), "feed() after an error");
      out.failed = true;
      return false;
    }
    for (const auto& m : *r) {
      ++out.messages;
      out.last_revision = m.revision;
      if (sync) sync->on_watch(m);
    }
    return true;
  };
  if (chunks) {
    for (std::string_view ch = chunks->next(); !ch.empty(); ch = chunks->next())
      if (!feed(ch)) break;
  } else {
    feed(whole);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  gw::fuzz::Chunker chunks(data, size, 512);
  const std::string_view payload = chunks.payload();
  c::ClusterSync sync("self", std::chrono::seconds(5));
  const Outcome chunked = run(&chunks, payload, &sync);
  const Outcome whole = run(nullptr, payload, nullptr);
  FUZZ_CHECK(chunked.failed == whole.failed, "the error depends on the chunking");
  FUZZ_CHECK(chunked.messages == whole.messages, "the messages depend on the chunking");
  FUZZ_CHECK(chunked.last_revision == whole.last_revision, "the revision depends on chunking");
  bool self = false;
  for (const auto& m : sync.members()) self = self || m == "self";
  FUZZ_CHECK(self, "the node left its own member set");
  for (long t = 1; t <= 300; ++t) sync.publish(t, {t % 2 == 0, "self", "a", "udp", "timeout"});
  for (auto b = sync.next_batch(); !b.empty(); b = sync.next_batch())
    FUZZ_CHECK(b.size() <= c::kMaxOpsPerTxn, "a batch over kMaxOpsPerTxn");

  (void)c::parse_grant(payload);
  (void)c::parse_keepalive(payload);
  if (auto r = c::parse_range(payload))
    FUZZ_CHECK(r->kvs.size() <= payload.size() / 8 + 1, "more keys than the input holds");
  (void)c::parse_txn(payload);
  (void)c::base64_decode(payload);
  (void)c::decode_state(payload);
  return 0;
}
