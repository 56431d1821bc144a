// Rendezvous (highest-random-weight) hashing of dial-peer tags over the live nodes.
// Contract: owner_of(tag, nodes) is the node with the highest score(node, tag); ties (never in
// practice: 64-bit scores) go to the smaller name. The same inputs give the same owner on every
// node and every run (no seed, no pointer values). When a node joins or leaves, only the tags it
// wins or held move: about 1/N of them. Pure; O(nodes) per tag.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace gw::cluster {

// A 64-bit mix of the node name and the tag (FNV-1a of the name, then splitmix64 with the tag).
std::uint64_t hrw_score(std::uint64_t node_hash, long tag);
std::uint64_t node_hash(std::string_view node);

// The index in `nodes` of the owner of `tag`; nodes.size() when `nodes` is empty.
std::size_t owner_index(long tag, std::span<const std::uint64_t> node_hashes,
                        std::span<const std::string> names);

}  // namespace gw::cluster
