#include "ops/control_server.hpp"

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <asio/write.hpp>
#include <chrono>
#include <deque>
#include <vector>

namespace gw::daemon {

using Socket = asio::local::stream_protocol::socket;

std::optional<gid_t> lookup_group(const std::string& name) {
  std::vector<char> buf(16384);
  group g{};
  group* found = nullptr;
  if (::getgrnam_r(name.c_str(), &g, buf.data(), buf.size(), &found) != 0 || !found)
    return std::nullopt;
  return g.gr_gid;
}

class ControlServer::Client : public std::enable_shared_from_this<Client>, public DebugSubscriber {
 public:
  Client(ControlServer& server, Socket socket) : server_(server), socket_(std::move(socket)) {}
  ~Client() override { console_.reset(); }  // unsubscribes from the debug hub

  // Debug output: dropped, never queued without bound (see kMaxDebugPending).
  bool debug_ready() override {
    if (closed_) return false;
    const auto now = std::chrono::steady_clock::now();
    tokens_ =
        std::min(kDebugBurst,
                 tokens_ + kDebugPerSecond * std::chrono::duration<double>(now - refill_).count());
    refill_ = now;
    return tokens_ >= 1 && pending_bytes_ < kMaxDebugPending;
  }
  void debug_missed() override {
    ++debug_dropped_;
    ++server_.counters_.debug_dropped;
  }
  void debug_text(std::string_view text) override {
    if (closed_) return;
    if (!debug_ready() || pending_bytes_ + text.size() > kMaxDebugPending) return debug_missed();
    tokens_ -= 1;
    std::string body;
    if (debug_dropped_) {
      body = "%DEBUG-4-DROPPED: " + std::to_string(debug_dropped_) +
             " debug messages not shown (this session read too slowly or over " +
             std::to_string(static_cast<int>(kDebugPerSecond)) + "/s)\n";
      debug_dropped_ = 0;
    }
    body.append(text);
    send(encode_monitor(body));
  }

  void start() { read(); }

  void close() {
    if (closed_) return;
    closed_ = true;
    std::error_code ignored;
    socket_.shutdown(Socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

  // Sends one line and closes (refused peers, too many clients).
  void reject(const std::string& message) {
    ControlResponse r;
    r.ok = false;
    r.error = message;
    send(encode_response(r));
    close_after_write_ = true;
  }

 private:
  void read() {
    auto self = shared_from_this();
    socket_.async_read_some(
        asio::buffer(in_), [this, self](const std::error_code& ec, std::size_t n) {
          if (ec || closed_) return finish();
          for (auto& item : framer_.feed(std::string_view(in_.data(), n))) {
            if (closed_) return;
            ++server_.counters_.requests;
            if (auto* err = std::get_if<ControlRequestError>(&item)) {
              ++server_.counters_.bad_requests;
              ControlResponse r;
              r.ok = false;
              r.error = err->message;
              send(encode_response(r));
              continue;
            }
            if (!console_) console_ = std::make_unique<LiveConsole>(server_.context_, this);
            ControlResponse r = console_->handle(std::get<ControlRequest>(item));
            const bool quit = r.quit;
            send(encode_response(r));
            if (quit) close_after_write_ = true;
          }
          if (closed_) return;
          if (!close_after_write_) read();
        });
  }

  void send(std::string bytes) {
    if (closed_) return;
    pending_bytes_ += bytes.size();
    if (pending_bytes_ > kMaxPendingOutput) {
      ++server_.counters_.dropped_clients;
      return finish();
    }
    out_.push_back(std::move(bytes));
    if (!writing_) write();
  }

  void write() {
    writing_ = true;
    auto self = shared_from_this();
    asio::async_write(socket_, asio::buffer(out_.front()),
                      [this, self](const std::error_code& ec, std::size_t) {
                        writing_ = false;
                        if (ec || closed_) return finish();
                        pending_bytes_ -= out_.front().size();
                        out_.pop_front();
                        if (!out_.empty()) return write();
                        if (close_after_write_) finish();
                      });
  }

  void finish() {
    const bool was_open = !closed_;
    close();
    console_.reset();  // leaves the debug hub now, not when the last handler lets go
    if (was_open || !removed_) {
      removed_ = true;
      server_.remove(this);
    }
  }

  ControlServer& server_;
  Socket socket_;
  std::array<char, 4096> in_{};
  RequestFramer framer_;
  std::unique_ptr<LiveConsole> console_;  // created on the first request
  std::deque<std::string> out_;
  std::size_t pending_bytes_ = 0;
  bool writing_ = false;
  bool closed_ = false;
  bool removed_ = false;
  bool close_after_write_ = false;
  double tokens_ = kDebugBurst;
  std::chrono::steady_clock::time_point refill_ = std::chrono::steady_clock::now();
  std::uint64_t debug_dropped_ = 0;  // since the last debug message this client got
};

ControlServer::ControlServer(asio::io_context& io, Options options, LiveContext& context,
                             const Logger& logger)
    : options_(std::move(options)),
      context_(context),
      logger_(logger),
      policy_(system_peer_policy(options_.group)),
      acceptor_(io) {}

ControlServer::~ControlServer() {
  stop();
}

Result<std::unique_ptr<ControlServer>> ControlServer::bind(asio::io_context& io,
                                                           const Options& options,
                                                           LiveContext& context,
                                                           const Logger& logger) {
  std::unique_ptr<ControlServer> s(new ControlServer(io, options, context, logger));
  const std::string& path = options.path;
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode))
      return fail("bind", "control socket " + path + " exists and is not a socket");
    Socket probe(io);
    std::error_code ec;
    probe.connect(asio::local::stream_protocol::endpoint(path), ec);
    if (!ec) return fail("bind", "control socket " + path + " is in use by another daemon");
    ::unlink(path.c_str());
  }
  std::error_code ec;
  s->acceptor_.open(asio::local::stream_protocol(), ec);
  if (!ec) {
    const mode_t old = ::umask(0177);
    s->acceptor_.bind(asio::local::stream_protocol::endpoint(path), ec);
    ::umask(old);
  }
  if (!ec) s->acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("bind", "cannot bind control socket " + path + ": " + ec.message());
  if (options.group) {
    if (::chown(path.c_str(), static_cast<uid_t>(-1), *options.group) != 0 ||
        ::chmod(path.c_str(), 0660) != 0) {
      ::unlink(path.c_str());
      return fail("bind", "cannot give control socket " + path + " to its group");
    }
  }
  return s;
}

void ControlServer::start() {
  accept();
}

void ControlServer::accept() {
  acceptor_.async_accept([this](const std::error_code& ec, Socket socket) {
    if (stopped_) return;
    if (ec) {
      if (ec != asio::error::operation_aborted) accept();
      return;
    }
    ++counters_.connections;
    ucred cred{};
    socklen_t len = sizeof cred;
    const bool have =
        ::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0;
    auto client = std::make_shared<Client>(*this, std::move(socket));
    clients_.push_back(client);
    ++counters_.active;
    if (!have || !peer_allowed(policy_, PeerCredentials{cred.pid, cred.uid, cred.gid})) {
      ++counters_.refused_peers;
      logger_.log(4, "%SYS-4-CONTROL: control socket connection refused (uid " +
                         (have ? std::to_string(cred.uid) : std::string("unknown")) + ")");
      client->reject("% Access denied");
    } else if (clients_.size() > kMaxClients) {
      ++counters_.refused_full;
      client->reject("% Too many control connections");
    } else {
      client->start();
    }
    accept();
  });
}

void ControlServer::remove(Client* client) {
  for (auto it = clients_.begin(); it != clients_.end(); ++it) {
    if (it->get() == client) {
      clients_.erase(it);
      --counters_.active;
      return;
    }
  }
}

void ControlServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  std::error_code ignored;
  acceptor_.close(ignored);
  auto clients = std::move(clients_);
  clients_.clear();
  for (auto& c : clients) c->close();
  counters_.active = 0;
  ::unlink(options_.path.c_str());
}

ControlCounters ControlServer::counters() const {
  return counters_;
}

}  // namespace gw::daemon
