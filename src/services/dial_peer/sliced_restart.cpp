// SlicedRestart: see sliced_restart.hpp.
#include "services/dial_peer/sliced_restart.hpp"

#include <algorithm>
#include <iterator>

namespace gw::daemon {

SlicedRestart::SlicedRestart(const config::Config& next, std::vector<long> tags)
    : next_(&next), tags_(std::move(tags)) {}

SlicedRestart::SlicedRestart(const config::Config& next, std::vector<long> tags,
                             SlicedRestart&& earlier)
    : added(std::move(earlier.added)), next_(&next), changes_(earlier.changes_) {
  // `added` is not scheduled yet; the slots of re-restarted dial-peers drop out of it later.
  const auto rest = earlier.tags_.begin() + static_cast<std::ptrdiff_t>(earlier.done_);
  tags_.reserve(tags.size() + static_cast<std::size_t>(earlier.tags_.end() - rest));
  std::set_union(tags.begin(), tags.end(), rest, earlier.tags_.end(), std::back_inserter(tags_));
}

std::span<const long> SlicedRestart::slice() const {
  return std::span<const long>(tags_).subspan(done_, std::min(kPerSlice, tags_.size() - done_));
}

}  // namespace gw::daemon
