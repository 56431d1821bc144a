// Simulator: listeners and per-connection protocol. See simulator.hpp.
#include "simulator.hpp"

#include <cstdio>

namespace ccmsim {

using asio::ip::tcp;
namespace sccp = gw::sccp;

void say(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

Simulator::Simulator(asio::io_context& io, Options options)
    : io_(io), options_(std::move(options)) {
  int n = 0;
  for (const auto& ep : options_.listen) {
    auto c = std::make_unique<Ccm>();
    c->n = ++n;
    c->endpoint = ep;
    ccms_.push_back(std::move(c));
  }
}

bool Simulator::start(std::string& error) {
  for (auto& c : ccms_)
    if (!listen(*c, error)) return false;
  return true;
}

bool Simulator::listen(Ccm& c, std::string& error) {
  std::error_code ec;
  auto a = std::make_unique<tcp::acceptor>(io_);
  a->open(c.endpoint.protocol(), ec);
  if (!ec) a->set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) a->bind(c.endpoint, ec);
  if (!ec) a->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + c.endpoint.address().to_string() + ":" +
            std::to_string(c.endpoint.port()) + ": " + ec.message();
    return false;
  }
  c.acceptor = std::move(a);
  accept(c);
  return true;
}

void Simulator::accept(Ccm& c) {
  tcp::acceptor* a = c.acceptor.get();
  a->async_accept([this, &c, a](std::error_code ec, tcp::socket s) {
    if (ec || c.acceptor.get() != a) return;  // closed by `refuse`
    std::error_code ep_ec;
    auto peer = s.remote_endpoint(ep_ec);
    auto conn = std::make_shared<Connection>(std::move(s), c, *this);
    c.connections.insert(conn);
    say("ccm=" + std::to_string(c.n) + " connected from " + peer.address().to_string() + ":" +
        std::to_string(peer.port()));
    conn->start();
    accept(c);
  });
}

void Simulator::forget(const std::shared_ptr<Connection>& conn) {
  for (auto& c : ccms_) c->connections.erase(conn);
}

Ccm* Simulator::ccm(const std::string& arg, std::string& error) {
  try {
    std::size_t used = 0;
    const int n = std::stoi(arg, &used);
    if (used == arg.size() && n >= 1 && n <= static_cast<int>(ccms_.size()))
      return ccms_[n - 1].get();
  } catch (const std::exception&) {
  }
  error = "error no such ccm: " + arg;
  return nullptr;
}

Connection::Connection(tcp::socket socket, Ccm& ccm, Simulator& sim)
    : socket_(std::move(socket)), ccm_(ccm), sim_(sim) {}

void Connection::start() {
  read();
}

void Connection::read() {
  socket_.async_read_some(asio::buffer(buf_),
                          [self = shared_from_this()](std::error_code ec, std::size_t n) {
                            const std::string tag = "ccm=" + std::to_string(self->ccm_.n);
                            if (ec) {
                              if (self->socket_.is_open()) say(tag + " closed by peer");
                              self->close();
                              return;
                            }
                            if (!self->framer_.feed(std::string_view(self->buf_.data(), n))) {
                              say(tag + " protocol error: bad frame length, closing");
                              self->close();
                              return;
                            }
                            while (auto frame = self->framer_.pop()) {
                              auto m = sccp::decode(*frame);
                              if (!m) {
                                say(tag + " rx malformed " + m.error().code);
                                continue;
                              }
                              self->handle(*m);
                            }
                            if (self->socket_.is_open()) self->read();
                          });
}

void Connection::handle(const sccp::Message& m) {
  const std::string tag = "ccm=" + std::to_string(ccm_.n) + " rx " + std::string(sccp::name(m));
  const Options& o = sim_.options();
  if (const auto* r = std::get_if<sccp::Register>(&m)) {
    say(tag + " device=" + r->device_name + " type=" + std::to_string(r->device_type) +
        " streams=" + std::to_string(r->max_streams));
    if (ccm_.reject) {
      send(sccp::RegisterReject{"Device not configured"});
      return;
    }
    device_ = r->device_name;
    send(sccp::RegisterAck{o.keepalive_interval, "M/D/YA", o.secondary_interval, 0});
    send(sccp::CapabilitiesReq{});
  } else if (std::holds_alternative<sccp::KeepAlive>(m)) {
    say(tag);
    if (!ccm_.silent) send(sccp::KeepAliveAck{});
  } else if (std::holds_alternative<sccp::Unregister>(m)) {
    say(tag + " device=" + device_);
    device_.clear();
    send(sccp::UnregisterAck{0});
  } else if (const auto* c = std::get_if<sccp::CapabilitiesRes>(&m)) {
    std::string caps;
    for (const auto& cap : c->caps) caps += (caps.empty() ? "" : ",") + std::to_string(cap.payload);
    say(tag + " caps=" + caps);
  } else if (const auto* p = std::get_if<sccp::IpPort>(&m)) {
    say(tag + " port=" + std::to_string(p->port));
  } else if (const auto* u = std::get_if<sccp::Unknown>(&m)) {
    say(tag + " id=" + std::to_string(u->id));
  } else {
    say(tag);
  }
}

void Connection::send(const sccp::Message& m) {
  queue_.push_back(sccp::encode(m));
  if (!writing_) write_next();
}

void Connection::write_next() {
  if (queue_.empty() || !socket_.is_open()) {
    writing_ = false;
    return;
  }
  writing_ = true;
  auto data = std::make_shared<std::string>(std::move(queue_.front()));
  queue_.erase(queue_.begin());
  asio::async_write(socket_, asio::buffer(*data),
                    [self = shared_from_this(), data](std::error_code ec, std::size_t) {
                      if (ec) {
                        self->close();
                        return;
                      }
                      self->write_next();
                    });
}

void Connection::close() {
  std::error_code ec;
  if (socket_.is_open()) {
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }
  sim_.forget(shared_from_this());
}

}  // namespace ccmsim
