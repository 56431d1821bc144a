// Test helper: split bytes produced by the SCCP layer into decoded messages.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sccp/framer.hpp"
#include "sccp/messages.hpp"

namespace gw::sccp::test {

inline std::vector<Message> parse_all(const std::string& bytes) {
  Framer f;
  std::vector<Message> out;
  EXPECT_TRUE(f.feed(bytes).ok());
  while (auto frame = f.pop()) {
    auto m = decode(*frame);
    EXPECT_TRUE(m.ok());
    if (m) out.push_back(*m);
  }
  EXPECT_EQ(f.buffered(), 0u) << "trailing partial frame";
  return out;
}

template <class T>
std::vector<T> only(const std::vector<Message>& msgs) {
  std::vector<T> out;
  for (const auto& m : msgs)
    if (const auto* t = std::get_if<T>(&m)) out.push_back(*t);
  return out;
}

}  // namespace gw::sccp::test
