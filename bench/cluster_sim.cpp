// cluster_sim: a simulation, no sockets, of the cluster's assignment and publication at scale
// (issue 19): 1M dial-peers over 10 nodes.
//  - the fraction of dial-peers that move when a node leaves or joins, by rendezvous hashing
//    (what gatewatch does) and by plain modulo hashing (for comparison), and the CPU time of one
//    assignment pass over every dial-peer;
//  - an outage wave (W dial-peers down at once, spread over the nodes as the assignment gives
//    them): etcd operations (txns of at most 128 puts, from ClusterSync's own batching), bytes
//    of the txn bodies, and the CPU time one node spends reading the whole wave from its watch
//    stream (the JSON etcd would send: one message per txn) and applying it.
// Times are CPU time of the process (std::clock).
// usage: gw_bench_cluster_sim [DIAL_PEERS] [NODES] [WAVE]   (default 1000000 10 10000)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include "cluster/cluster_sync.hpp"
#include "cluster/etcd_codec.hpp"
#include "cluster/hrw.hpp"
#include "cluster/watch_stream.hpp"

namespace c = gw::cluster;
namespace {

// CPU time of this process (the machine is shared: wall time would measure the neighbours).
struct Clock {
  using time_point = std::clock_t;
  static time_point now() { return std::clock(); }
};

double ms_since(Clock::time_point t) {
  return 1000.0 * static_cast<double>(std::clock() - t) / CLOCKS_PER_SEC;
}

std::vector<std::string> names(int n, int skip = -1) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i)
    if (i != skip) out.push_back("node" + std::to_string(i));
  return out;
}

std::vector<std::string> assign(long tags, const std::vector<std::string>& nodes, double* ms) {
  std::vector<std::uint64_t> h;
  for (const auto& n : nodes) h.push_back(c::node_hash(n));
  std::vector<std::string> out(static_cast<std::size_t>(tags));
  const auto t = Clock::now();
  for (long tag = 1; tag <= tags; ++tag)
    out[static_cast<std::size_t>(tag - 1)] = nodes[c::owner_index(tag, h, nodes)];
  if (ms) *ms = ms_since(t);
  return out;
}

double moved(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t m = 0;
  for (std::size_t i = 0; i < a.size(); ++i) m += a[i] != b[i];
  return static_cast<double>(m) / static_cast<double>(a.size());
}

double modulo_moved(long tags, int from, int to) {
  long m = 0;
  for (long tag = 1; tag <= tags; ++tag) m += (tag % from) != (tag % to);
  return static_cast<double>(m) / static_cast<double>(tags);
}

// The watch stream etcd sends for one txn of puts (one message, one event per put).
std::string watch_message(const std::vector<std::pair<std::string, std::string>>& puts,
                          std::int64_t rev) {
  std::string s = R"({"result":{"header":{"revision":")" + std::to_string(rev) + R"("},"events":[)";
  for (std::size_t i = 0; i < puts.size(); ++i) {
    if (i) s += ',';
    s += R"({"kv":{"key":")" + c::base64_encode(puts[i].first) + R"(","mod_revision":")" +
         std::to_string(rev) + R"(","value":")" + c::base64_encode(puts[i].second) + R"("}})";
  }
  return s + "]}}\n";
}

}  // namespace

int main(int argc, char** argv) {
  const long tags = argc > 1 ? std::atol(argv[1]) : 1000000;
  const int nodes = argc > 2 ? std::atoi(argv[2]) : 10;
  const long wave = argc > 3 ? std::atol(argv[3]) : 10000;

  double pass_ms = 0;
  const auto before = assign(tags, names(nodes), &pass_ms);
  const auto left = assign(tags, names(nodes, 3), nullptr);
  const auto joined = assign(tags, names(nodes + 1), nullptr);
  std::printf("dial-peers %ld, nodes %d\n", tags, nodes);
  std::printf("assignment pass: %.1f ms (%.0f ns per dial-peer)\n", pass_ms,
              pass_ms * 1e6 / static_cast<double>(tags));
  std::printf("a node leaves: %.4f moved (1/N = %.4f); modulo hashing: %.4f\n", moved(before, left),
              1.0 / nodes, modulo_moved(tags, nodes, nodes - 1));
  std::printf("a node joins:  %.4f moved (1/(N+1) = %.4f); modulo hashing: %.4f\n",
              moved(before, joined), 1.0 / (nodes + 1), modulo_moved(tags, nodes, nodes + 1));

  // The outage wave: the first `wave` dial-peers go down; each owner publishes its share.
  std::vector<c::ClusterSync> syncs;
  for (const auto& n : names(nodes)) syncs.emplace_back(n, std::chrono::seconds(5));
  for (long tag = 1; tag <= wave && tag <= tags; ++tag) {
    const std::string& owner = before[static_cast<std::size_t>(tag - 1)];
    for (auto& s : syncs)
      if (s.self() == owner) s.publish(tag, {false, owner, "192.0.2.1:5060", "udp", "timeout"});
  }
  std::size_t txns = 0, bytes = 0, puts = 0;
  std::string stream;
  std::int64_t rev = 100;
  for (auto& s : syncs) {
    for (auto b = s.next_batch(); !b.empty(); b = s.next_batch()) {
      ++txns;
      puts += b.size();
      bytes += c::puts_txn_body(b).size();
      stream += watch_message(b, ++rev);
    }
  }
  std::printf(
      "outage wave of %ld: %zu etcd txns (%zu puts, %.1f puts per txn), %zu bytes of "
      "txn bodies (%.0f per dial-peer); each node reads %zu watch bytes\n",
      wave, txns, puts, static_cast<double>(puts) / static_cast<double>(txns), bytes,
      static_cast<double>(bytes) / static_cast<double>(wave), stream.size());
  c::ClusterSync reader("node-reader", std::chrono::seconds(5));
  c::WatchStream ws;
  const auto t = Clock::now();
  std::size_t transitions = 0;
  for (std::size_t off = 0; off < stream.size(); off += 16384) {
    auto msgs = ws.feed(std::string_view(stream).substr(off, 16384));
    if (!msgs) {
      std::printf("watch parse error: %s\n", msgs.error().message.c_str());
      return 1;
    }
    for (const auto& m : *msgs) transitions += reader.on_watch(m).states.size();
  }
  std::printf("one node reads and applies the wave: %.1f ms for %zu transitions\n", ms_since(t),
              transitions);
  return 0;
}
