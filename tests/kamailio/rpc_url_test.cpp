// The `kamailio rpc` URL split for the HTTP client; what is not an HTTP URL is refused.
#include "kamailio/rpc_url.hpp"

#include <gtest/gtest.h>

namespace gw::kamailio {
namespace {

TEST(RpcUrl, SplitsHostAndPath) {
  auto u = parse_rpc_url("http://127.0.0.1:5071/RPC");
  ASSERT_TRUE(u);
  EXPECT_EQ(u.value().scheme_host_port, "http://127.0.0.1:5071");
  EXPECT_EQ(u.value().path, "/RPC");
  EXPECT_EQ(parse_rpc_url("http://[::1]:80").value().path, "/");
  for (const char* bad : {"ftp://h/x", "http://", "http:///RPC", "127.0.0.1:5071", "http://a b/"})
    EXPECT_FALSE(parse_rpc_url(bad)) << bad;
}

}  // namespace
}  // namespace gw::kamailio
