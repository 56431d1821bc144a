// Limits on console and file input, with the reason for their size.
#pragma once
#include <cstddef>

namespace gw::cli {

// A configuration line longer than this is refused whole. IOS lines are short (a
// `description` is at most 200 characters); 64 KiB leaves room for anything real while
// bounding what one line can make us hold.
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;

}  // namespace gw::cli
