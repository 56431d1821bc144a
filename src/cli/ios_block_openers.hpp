// The global IOS configuration commands that open a sub-mode gatewatch does not know
// (`interface`, `voice service voip`, `dial-peer voice N pots`, ...). `check --extract` needs
// them for configurations whose indentation was lost: a flat line is tried in the current
// mode and then in the enclosing ones (IOS's rule), so without knowing that such a line opens
// a block, the block's flat children (`shutdown`, `description`) would land in the sub-mode
// before it. Data, matched on whole leading words, case-insensitive. Pure.
#pragma once
#include <string_view>
#include <vector>

#include "cli/tokenizer.hpp"

namespace gw::cli {

// True when `words` start with one of the known block-opening commands.
bool opens_ios_block(const std::vector<Word>& words);

}  // namespace gw::cli
