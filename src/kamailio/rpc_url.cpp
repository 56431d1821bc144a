#include "kamailio/rpc_url.hpp"

#include <string_view>

namespace gw::kamailio {

Result<RpcUrl> parse_rpc_url(const std::string& url) {
  std::string_view rest = url;
  std::string_view scheme;
  for (std::string_view s : {"http://", "https://"})
    if (rest.substr(0, s.size()) == s) scheme = s;
  if (scheme.empty()) return fail("url", "not an http:// or https:// URL");
  rest.remove_prefix(scheme.size());
  const auto slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  if (authority.empty()) return fail("url", "no host");
  for (char c : authority)
    if (c <= ' ' || c == '@' || c == '?' || c == '#')
      return fail("url", "the host part holds a character a host cannot");
  RpcUrl u;
  u.scheme_host_port = std::string(scheme) + std::string(authority);
  u.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  return u;
}

}  // namespace gw::kamailio
