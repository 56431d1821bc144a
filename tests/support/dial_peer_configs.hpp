// Dial-peer configurations shared by the dial-peer tests (plan, table, service), as
// configuration text and loaded. Ports are 127.0.0.1's; the fake probers key on them.
#pragma once
#include <gtest/gtest.h>

#include <string>

#include "config/loader.hpp"
#include "config/model.hpp"

namespace gw::daemon::test {

// Profile 1 (up 10 s, down 5 s, retry 2) and profile 2 (tcp, shutdown); dial-peers 100
// (profile 1, port 5060), 200 (inline form, up 20 retry 3, session transport tcp, port 5070),
// 300 (the shut profile 2), 400 (shutdown) and 500 (no keepalive). Probed: 100 and 200.
inline constexpr const char* kDialPeerConfig =
    "voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n retry 2\n!\n"
    "voice class sip-options-keepalive 2\n transport tcp\n shutdown\n!\n"
    "dial-peer voice 100 voip\n session target ipv4:127.0.0.1:5060\n"
    " voice-class sip options-keepalive profile 1\n!\n"
    "dial-peer voice 200 voip\n session target ipv4:127.0.0.1:5070\n session transport tcp\n"
    " voice-class sip options-keepalive up-interval 20 retry 3\n!\n"
    "dial-peer voice 300 voip\n session target ipv4:127.0.0.1:5080\n"
    " voice-class sip options-keepalive profile 2\n!\n"
    "dial-peer voice 400 voip\n session target ipv4:127.0.0.1:5090\n"
    " voice-class sip options-keepalive profile 1\n shutdown\n!\n"
    "dial-peer voice 500 voip\n session target ipv4:127.0.0.1:5100\n!\n";

inline config::Config load(const std::string& text) {
  auto loaded = config::load_config_text(text);
  EXPECT_TRUE(loaded.ok());
  return loaded.config;
}

// Three dial-peers on profile 1 (up `up` s, down 5 s), ports 6001-6003, and one without
// keepalive (500). `port2` is dial-peer 2's port.
inline std::string three_peers(int port2 = 6002, int up = 10) {
  std::string t = "voice class sip-options-keepalive 1\n up-interval " + std::to_string(up) +
                  "\n down-interval 5\n!\n";
  const int ports[] = {6001, port2, 6003};
  for (int i = 0; i < 3; ++i)
    t += "dial-peer voice " + std::to_string(i + 1) +
         " voip\n session target ipv4:127.0.0.1:" + std::to_string(ports[i]) +
         "\n voice-class sip options-keepalive profile 1\n!\n";
  t += "dial-peer voice 500 voip\n session target ipv4:127.0.0.1:6500\n!\n";
  return t;
}

// N dial-peers 1..N on profile 1 (up 10 s, down 5 s), ports 7001..7000+N.
inline std::string many_peers(int n) {
  std::string t = "voice class sip-options-keepalive 1\n up-interval 10\n down-interval 5\n!\n";
  for (int i = 1; i <= n; ++i)
    t += "dial-peer voice " + std::to_string(i) +
         " voip\n session target ipv4:127.0.0.1:" + std::to_string(7000 + i) +
         "\n voice-class sip options-keepalive profile 1\n!\n";
  return t;
}

}  // namespace gw::daemon::test
