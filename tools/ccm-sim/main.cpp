// ccm-sim: an SCCP CallManager simulator for tests and the demo, and a one-device client.
//   ccm-sim --listen 127.0.0.1:2000 [--listen 127.0.0.1:2001 ...] [--keepalive-interval S]
//           [--secondary-interval S] [--control PATH]
//   ccm-sim --client HOST:PORT [--device NAME] [--type N] [--keepalives N]
//           [--keepalive-timeout S]
// Exit codes: 0 ok, 1 client session down, 2 usage, 3 cannot bind.
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "client.hpp"
#include "commands.hpp"
#include "simulator.hpp"

namespace {

constexpr const char* kUsage =
    "usage: ccm-sim --listen HOST:PORT [--listen HOST:PORT ...] [--keepalive-interval S]\n"
    "               [--secondary-interval S] [--control PATH]\n"
    "       ccm-sim --client HOST:PORT [--device NAME] [--type N] [--keepalives N]\n"
    "               [--keepalive-timeout S]\n"
    "commands (stdin, control socket): silent N | ack N | close N | refuse N | accept N |\n"
    "  reject N | register N | reset N [1|2] | status | quit\n";

int usage(const std::string& why) {
  std::fprintf(stderr, "ccm-sim: %s\n%s", why.c_str(), kUsage);
  return 2;
}

bool parse_endpoint(const std::string& s, asio::ip::tcp::endpoint& out) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  std::error_code ec;
  auto addr = asio::ip::make_address(host, ec);
  if (ec) return false;
  try {
    std::size_t used = 0;
    const unsigned long port = std::stoul(s.substr(colon + 1), &used);
    if (used != s.size() - colon - 1 || port == 0 || port > 65535) return false;
    out = asio::ip::tcp::endpoint(addr, static_cast<unsigned short>(port));
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

bool parse_number(const std::string& s, double& out) {
  try {
    std::size_t used = 0;
    out = std::stod(s, &used);
    return used == s.size() && out >= 0;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  ccmsim::Options sim;
  ccmsim::ClientOptions client;
  bool client_mode = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (i + 1 >= argc) return usage("missing value after " + a);
    const std::string v = argv[++i];
    double num = 0;
    if (a == "--listen") {
      asio::ip::tcp::endpoint ep;
      if (!parse_endpoint(v, ep)) return usage("bad address " + v);
      sim.listen.push_back(ep);
    } else if (a == "--client") {
      if (!parse_endpoint(v, client.server)) return usage("bad address " + v);
      client_mode = true;
    } else if (a == "--control") {
      sim.control_path = v;
    } else if (a == "--device") {
      client.device = v;
    } else if (!parse_number(v, num)) {
      return usage("bad number " + v + " for " + a);
    } else if (a == "--keepalive-interval") {
      sim.keepalive_interval = static_cast<std::uint32_t>(num);
    } else if (a == "--secondary-interval") {
      sim.secondary_interval = static_cast<std::uint32_t>(num);
    } else if (a == "--type") {
      client.type = static_cast<std::uint32_t>(num);
    } else if (a == "--keepalives") {
      client.keepalives = static_cast<unsigned>(num);
    } else if (a == "--keepalive-timeout") {
      client.keepalive_timeout_s = num;
    } else {
      return usage("unknown option " + a);
    }
  }
  if (client_mode) return ccmsim::run_client(client);
  if (sim.listen.empty()) return usage("at least one --listen is needed");

  asio::io_context io;
  ccmsim::Simulator s(io, sim);
  std::string error;
  if (!s.start(error) ||
      (!sim.control_path.empty() && !ccmsim::serve_control(io, s, sim.control_path, error))) {
    std::fprintf(stderr, "ccm-sim: %s\n", error.c_str());
    return 3;
  }
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&io](std::error_code, int) { io.stop(); });
  std::signal(SIGPIPE, SIG_IGN);
  ccmsim::read_stdin(io, s);
  ccmsim::say("ccm-sim ready ccms=" + std::to_string(sim.listen.size()));
  io.run();
  if (!sim.control_path.empty()) ::unlink(sim.control_path.c_str());
  return 0;
}
