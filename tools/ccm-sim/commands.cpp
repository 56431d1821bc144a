// Simulator commands and the two ways they arrive (stdin, control socket). See commands.hpp.
#include "commands.hpp"

#include <unistd.h>

#include <sstream>

namespace ccmsim {

std::string Simulator::command(const std::string& line) {
  std::istringstream in(line);
  std::string verb, arg, extra;
  in >> verb >> arg >> extra;
  if (verb.empty()) return "";
  if (verb == "status") {
    std::string out;
    for (const auto& c : ccms_) {
      std::string devices;
      for (const auto& conn : c->connections)
        if (!conn->device().empty()) devices += (devices.empty() ? "" : ",") + conn->device();
      out += "ccm=" + std::to_string(c->n) + " listen=" + c->endpoint.address().to_string() + ":" +
             std::to_string(c->endpoint.port()) + " listening=" + (c->acceptor ? "yes" : "no") +
             " silent=" + (c->silent ? "yes" : "no") + " reject=" + (c->reject ? "yes" : "no") +
             " connections=" + std::to_string(c->connections.size()) +
             " devices=" + (devices.empty() ? "-" : devices) + "\n";
    }
    return out + "ok";
  }
  if (verb == "quit") {
    io_.stop();
    return "ok";
  }
  std::string error;
  Ccm* c = ccm(arg, error);
  if (!c) return arg.empty() ? "error missing ccm number" : error;
  if (verb == "silent")
    c->silent = true;
  else if (verb == "ack")
    c->silent = false;
  else if (verb == "reject")
    c->reject = true;
  else if (verb == "register")
    c->reject = false;
  else if (verb == "close") {
    auto conns = c->connections;  // close() edits the set
    for (const auto& conn : conns) conn->close();
    say("ccm=" + std::to_string(c->n) + " closed " + std::to_string(conns.size()) +
        " connection(s)");
  } else if (verb == "refuse") {
    if (c->acceptor) {
      std::error_code ec;
      c->acceptor->close(ec);
      c->acceptor.reset();
    }
  } else if (verb == "accept") {
    if (!c->acceptor && !listen(*c, error)) return "error " + error;
  } else if (verb == "reset") {
    std::uint32_t type = 1;
    if (!extra.empty()) {
      if (extra != "1" && extra != "2") return "error reset type must be 1 or 2";
      type = extra == "2" ? 2 : 1;
    }
    for (const auto& conn : c->connections) conn->send(gw::sccp::Reset{type});
  } else {
    return "error unknown command: " + verb;
  }
  return "ok";
}

namespace {

// Reads lines from a stream (stdin descriptor or control connection) and answers each.
template <class Stream>
class LineReader : public std::enable_shared_from_this<LineReader<Stream>> {
 public:
  LineReader(Stream s, Simulator& sim, bool reply_on_stream)
      : stream_(std::move(s)), sim_(sim), reply_on_stream_(reply_on_stream) {}
  void start() { read(); }

 private:
  void read() {
    asio::async_read_until(stream_, asio::dynamic_buffer(buf_, 4096), '\n',
                           [self = this->shared_from_this()](std::error_code ec, std::size_t n) {
                             if (ec) return;  // EOF or error: stop reading this stream
                             std::string line = self->buf_.substr(0, n - 1);
                             self->buf_.erase(0, n);
                             if (!line.empty() && line.back() == '\r') line.pop_back();
                             const std::string reply = self->sim_.command(line);
                             if (reply.empty()) {
                               self->read();
                             } else if (self->reply_on_stream_) {
                               self->reply(reply + "\n");
                             } else {
                               say(reply);
                               self->read();
                             }
                           });
  }
  void reply(std::string text) {
    auto data = std::make_shared<std::string>(std::move(text));
    asio::async_write(stream_, asio::buffer(*data),
                      [self = this->shared_from_this(), data](std::error_code ec, std::size_t) {
                        if (!ec) self->read();
                      });
  }

  Stream stream_;
  Simulator& sim_;
  bool reply_on_stream_;
  std::string buf_;
};

void accept_control(std::shared_ptr<asio::local::stream_protocol::acceptor> a, Simulator& sim) {
  a->async_accept([a, &sim](std::error_code ec, asio::local::stream_protocol::socket s) {
    if (ec) return;
    std::make_shared<LineReader<asio::local::stream_protocol::socket>>(std::move(s), sim, true)
        ->start();
    accept_control(a, sim);
  });
}

}  // namespace

void read_stdin(asio::io_context& io, Simulator& sim) {
  asio::posix::stream_descriptor in(io);
  std::error_code ec;
  const int fd = ::dup(STDIN_FILENO);
  if (fd < 0) return;
  in.assign(fd, ec);  // fails for regular files and /dev/null: no stdin commands then
  if (ec) {
    ::close(fd);
    return;
  }
  std::make_shared<LineReader<asio::posix::stream_descriptor>>(std::move(in), sim, false)->start();
}

bool serve_control(asio::io_context& io, Simulator& sim, const std::string& path,
                   std::string& error) {
  ::unlink(path.c_str());
  std::error_code ec;
  auto a = std::make_shared<asio::local::stream_protocol::acceptor>(io);
  asio::local::stream_protocol::endpoint ep(path);
  a->open(ep.protocol(), ec);
  if (!ec) a->bind(ep, ec);
  if (!ec) a->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot serve control socket " + path + ": " + ec.message();
    return false;
  }
  accept_control(a, sim);
  return true;
}

}  // namespace ccmsim
