// Client mode: one device registering on one CallManager through gw::sccp::CcmSession, the
// same state machine the daemon uses. Registers, answers CapabilitiesReq, sends IpPort,
// exchanges `keepalives` acknowledged KeepAlives, then unregisters and exits 0. Exits 1 when
// the session goes down (refused, closed, keepalive, rejected). Prints one line per event.
#pragma once
#include <asio.hpp>
#include <cstdint>
#include <string>

namespace ccmsim {

struct ClientOptions {
  asio::ip::tcp::endpoint server;
  std::string device = "CFB1";
  std::uint32_t type = 50;
  unsigned keepalives = 3;
  double keepalive_timeout_s = 30;  // configured interval until RegisterAck
  unsigned registration_retries = 3;
};

int run_client(const ClientOptions& options);

}  // namespace ccmsim
