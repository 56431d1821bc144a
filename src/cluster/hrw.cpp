// Rendezvous hashing: see hrw.hpp.
#include "cluster/hrw.hpp"

#include "cluster/settings.hpp"

namespace gw::cluster {

bool valid_node_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNodeName) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::uint64_t node_hash(std::string_view node) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : node) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::uint64_t hrw_score(std::uint64_t node_hash, long tag) {
  std::uint64_t z = node_hash ^ (static_cast<std::uint64_t>(tag) * 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

std::size_t owner_index(long tag, std::span<const std::uint64_t> node_hashes,
                        std::span<const std::string> names) {
  std::size_t best = node_hashes.size();
  std::uint64_t best_score = 0;
  for (std::size_t i = 0; i < node_hashes.size(); ++i) {
    const std::uint64_t s = hrw_score(node_hashes[i], tag);
    if (best == node_hashes.size() || s > best_score ||
        (s == best_score && names[i] < names[best])) {
      best = i;
      best_score = s;
    }
  }
  return best;
}

}  // namespace gw::cluster
