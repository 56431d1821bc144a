// Simulator: several CallManagers (one per --listen address, numbered 1..n) on one
// single-threaded asio::io_context. Each answers Register with RegisterAck (then sends a
// CapabilitiesReq), KeepAlive with KeepAliveAck and Unregister with UnregisterAck, and prints
// one line per received message to stdout, flushed (`ccm=1 rx Register device=CFB1 type=50`),
// so tests can await lines. Behaviour is changed by command() (see commands.cpp).
// Not thread-safe: everything runs on the io_context thread.
#pragma once
#include <asio.hpp>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "sccp/framer.hpp"
#include "sccp/messages.hpp"

namespace ccmsim {

void say(const std::string& line);  // stdout, one line, flushed

struct Options {
  std::vector<asio::ip::tcp::endpoint> listen;
  std::uint32_t keepalive_interval = 30;  // RegisterAck keepAliveInterval, seconds
  std::uint32_t secondary_interval = 30;  // RegisterAck secondaryKeepAliveInterval
  std::string control_path;               // Unix control socket, optional
};

class Connection;

struct Ccm {
  int n = 0;
  asio::ip::tcp::endpoint endpoint;
  std::unique_ptr<asio::ip::tcp::acceptor> acceptor;  // null while refusing
  bool silent = false;                                // do not ack KeepAlives
  bool reject = false;                                // answer Register with RegisterReject
  std::set<std::shared_ptr<Connection>> connections;
};

class Simulator {
 public:
  Simulator(asio::io_context& io, Options options);
  // Binds every listener (and the control socket); false with a message on failure.
  bool start(std::string& error);
  // One command line → reply ("ok", "error ...", or status lines ending in "ok").
  std::string command(const std::string& line);

  const Options& options() const { return options_; }
  void forget(const std::shared_ptr<Connection>& c);

 private:
  bool listen(Ccm& ccm, std::string& error);
  void accept(Ccm& ccm);
  Ccm* ccm(const std::string& arg, std::string& error);

  asio::io_context& io_;
  Options options_;
  std::vector<std::unique_ptr<Ccm>> ccms_;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(asio::ip::tcp::socket socket, Ccm& ccm, Simulator& sim);
  void start();
  void send(const gw::sccp::Message& m);
  void close();
  const std::string& device() const { return device_; }

 private:
  void read();
  void handle(const gw::sccp::Message& m);
  void write_next();

  asio::ip::tcp::socket socket_;
  Ccm& ccm_;
  Simulator& sim_;
  gw::sccp::Framer framer_;
  std::array<char, 4096> buf_{};
  std::vector<std::string> queue_;
  bool writing_ = false;
  std::string device_;
};

}  // namespace ccmsim
