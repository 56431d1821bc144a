// The `kamailio rpc` URL: "http://HOST:PORT/PATH" or "https://...", split into what an HTTP
// client takes. Pure; parse_rpc_url names what is wrong (code "url").
#pragma once
#include <string>

#include "base/result.hpp"

namespace gw::kamailio {

struct RpcUrl {
  std::string scheme_host_port;  // "http://127.0.0.1:5071"
  std::string path;              // "/RPC" ("/" when none)
};
Result<RpcUrl> parse_rpc_url(const std::string& url);

}  // namespace gw::kamailio
