#include "ops/persist.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gw::config {
namespace {

std::string slurp(const std::string& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Persist, WriteKeepsThePreviousFileAsBak) {
  auto dir = std::filesystem::temp_directory_path() / ("gw-persist-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "gatewatch.cfg").string();
  ASSERT_TRUE(save_file_atomically(path, "first\n").ok());
  EXPECT_EQ(slurp(path), "first\n");
  ASSERT_TRUE(save_file_atomically(path, "second\n").ok());
  EXPECT_EQ(slurp(path), "second\n");
  EXPECT_EQ(slurp(path + ".bak"), "first\n");
  for (auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << "no temporary left behind";
  std::filesystem::remove_all(dir);
}

TEST(Persist, UnwritableDirectoryIsAnError) {
  auto st = save_file_atomically("/nonexistent-dir/x.cfg", "x");
  EXPECT_FALSE(st.ok());
}

}  // namespace
}  // namespace gw::config
