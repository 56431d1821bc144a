// FdSource: a file descriptor's bytes through config::LineReader.
#include "ops/fd_source.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace gw::daemon {
namespace {

TEST(FdSource, PipeIsReadToEndOfFile) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  // More than a pipe buffer, so the reader sees several blocks and waits for the writer.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "dial-peer voice " + std::to_string(i) + " voip\n";
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
  });
  FdSource source(fds[0]);
  config::LineReader reader(source);
  std::string line;
  bool too_long = false;
  int count = 0;
  while (reader.next(line, too_long)) {
    EXPECT_EQ(line, "dial-peer voice " + std::to_string(count) + " voip");
    EXPECT_FALSE(too_long);
    ++count;
  }
  writer.join();
  ::close(fds[0]);
  EXPECT_EQ(count, 20000);
  EXPECT_FALSE(reader.read_error());
}

TEST(FdSource, BadDescriptorIsAReadError) {
  FdSource source(-1);
  config::LineReader reader(source);
  std::string line;
  bool too_long = false;
  EXPECT_FALSE(reader.next(line, too_long));
  EXPECT_TRUE(reader.read_error());
}

}  // namespace
}  // namespace gw::daemon
