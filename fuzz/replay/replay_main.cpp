// Replay driver: the plain (non-libFuzzer) main() linked with one fuzz target's source, so the
// committed corpus and regressions run as ordinary ctest tests in every build, gcc included.
// Usage: <target>_replay PATH...  Each PATH is a file or a directory (its regular files are
// replayed in name order, not recursively). A missing PATH is skipped with a note; replaying no
// file at all is a failure (a corpus that vanished must not pass silently). A property failure
// aborts inside the target, which fails the test; otherwise prints "replayed N inputs" and 0.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool replay(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::fprintf(stderr, "replay %s (%zu bytes)\n", file.c_str(), bytes.size());
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 0;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      if (!replay(path)) return std::fprintf(stderr, "cannot read %s\n", path.c_str()), 1;
      ++count;
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      std::fprintf(stderr, "note: %s does not exist, skipped\n", path.c_str());
      continue;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(path, ec))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (!replay(f)) return std::fprintf(stderr, "cannot read %s\n", f.c_str()), 1;
      ++count;
    }
  }
  if (count == 0) return std::fprintf(stderr, "no input replayed\n"), 1;
  std::printf("replayed %zu inputs\n", count);
  return 0;
}
