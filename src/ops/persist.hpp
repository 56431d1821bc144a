// Saving the configuration file the way `write memory` must: write a temporary file beside
// it, fsync it, keep the previous file as FILE.bak, rename the new one into place and fsync
// the directory. A crash at any point leaves the old or the new file, never a torn one.
#pragma once
#include <string>

#include "base/result.hpp"

namespace gw::config {

Status<> save_file_atomically(const std::string& path, const std::string& content);

}  // namespace gw::config
