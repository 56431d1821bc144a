// EtcdClient: see etcd_client.hpp.
#include "net/etcd_client.hpp"

#include <httplib.h>

#include <asio/post.hpp>
#include <chrono>
#include <optional>

#include "cluster/settings.hpp"

namespace gw::net {

namespace {
void set_timeouts(httplib::Client& c, Duration connect, Duration read) {
  const auto cu = std::chrono::duration_cast<std::chrono::microseconds>(connect).count();
  const auto ru = std::chrono::duration_cast<std::chrono::microseconds>(read).count();
  c.set_connection_timeout(cu / 1000000, cu % 1000000);
  c.set_read_timeout(ru / 1000000, ru % 1000000);
  c.set_write_timeout(cu / 1000000, cu % 1000000);
}
}  // namespace

EtcdClient::EtcdClient(asio::io_context& io, EtcdOptions options) : io_(io) {
  set_options(std::move(options));
  worker_ = std::thread([this] { run(); });
  watcher_ = std::thread([this] { run_watch(); });
}

EtcdClient::~EtcdClient() {
  stop();
}

void EtcdClient::set_options(EtcdOptions options) {
  std::lock_guard lock(mutex_);
  options_ = std::move(options);
  health_.clear();
  for (const auto& e : options_.endpoints)
    health_.push_back({e.scheme_host_port, false, false, ""});
  preferred_ = 0;
  conn_.for_url.clear();  // fresh connections with the new options
  watch_conn_.for_url.clear();
  sync_conn_.for_url.clear();
}

std::vector<EtcdEndpointHealth> EtcdClient::health() const {
  std::lock_guard lock(mutex_);
  return health_;
}

void EtcdClient::note(std::size_t index, bool ok, const std::string& error) {
  std::lock_guard lock(mutex_);
  if (index >= health_.size()) return;
  health_[index].tried = true;
  health_[index].healthy = ok;
  if (!ok) health_[index].last_error = error;
  if (ok) preferred_ = index;
}

void EtcdClient::stop() {
  alive_.renew();
  watch_alive_.renew();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    jobs_.clear();
    for (Conn* c : {&conn_, &watch_conn_})
      if (c->client) c->client->stop();
  }
  wake_.notify_all();
  wake_watch_.notify_all();
  if (worker_.joinable()) worker_.join();
  if (watcher_.joinable()) watcher_.join();
}

void EtcdClient::request(std::string path, std::string body, OnAnswer on_answer) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    jobs_.push_back({std::move(path), std::move(body), std::move(on_answer), alive_.token()});
  }
  wake_.notify_one();
}

httplib::Client& EtcdClient::client_for(Conn& conn, const cluster::Endpoint& e,
                                        Duration read_timeout) {
  if (conn.client && conn.for_url == e.scheme_host_port) return *conn.client;
  EtcdOptions o;
  {
    std::lock_guard lock(mutex_);
    o = options_;
  }
  std::unique_ptr<httplib::Client> fresh;
  if (e.tls && !o.cert_file.empty())
    fresh = std::make_unique<httplib::Client>(e.scheme_host_port, o.cert_file, o.key_file);
  else
    fresh = std::make_unique<httplib::Client>(e.scheme_host_port);
  if (e.tls) {
    if (!o.ca_file.empty()) fresh->set_ca_cert_path(o.ca_file.c_str());
    fresh->enable_server_certificate_verification(true);
  }
  fresh->set_keep_alive(true);
  fresh->set_tcp_nodelay(true);
  set_timeouts(*fresh, o.timeout, read_timeout);
  {
    std::lock_guard lock(mutex_);
    conn.client = std::move(fresh);
    conn.for_url = e.scheme_host_port;
  }
  return *conn.client;
}

EtcdAnswer EtcdClient::exchange(Conn& conn, const std::string& path, const std::string& body,
                                const std::function<bool(const char*, std::size_t)>& sink,
                                Duration read_timeout) {
  EtcdAnswer a;
  std::vector<cluster::Endpoint> eps;
  std::size_t first = 0;
  {
    std::lock_guard lock(mutex_);
    eps = options_.endpoints;
    first = preferred_;
  }
  if (eps.empty()) {
    a.error = "no etcd endpoint";
    return a;
  }
  for (std::size_t k = 0; k < eps.size(); ++k) {
    const std::size_t i = (first + k) % eps.size();
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return a;
    }
    httplib::Client& c = client_for(conn, eps[i], read_timeout);
    httplib::Request req;
    req.method = "POST";
    req.path = path;
    req.body = body;
    req.set_header("Content-Type", "application/json");
    std::string got;
    req.content_receiver = [&](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
      if (sink) return sink(data, n);
      const std::size_t room = cluster::kMaxAnswerBytes + 1 - got.size();
      got.append(data, std::min(n, room));
      return got.size() <= cluster::kMaxAnswerBytes;
    };
    const auto start = SteadyClock::now();
    httplib::Response res;
    httplib::Error err = httplib::Error::Success;
    const bool sent = c.send(req, res, err);
    a.latency = SteadyClock::now() - start;
    a.endpoint = eps[i].scheme_host_port;
    a.bytes_sent = body.size() + path.size();
    if (!sent && err != httplib::Error::Canceled) {
      a.error = httplib::to_string(err);
      note(i, false, a.error);
      {
        std::lock_guard lock(mutex_);
        conn.for_url.clear();  // a fresh connection next time
      }
      if (sink) return a;  // the watch: its owner decides when to come back
      continue;
    }
    a.delivered = true;
    a.http_status = sent ? res.status : 200;
    a.body = std::move(got);
    note(i, a.http_status < 500, "HTTP " + std::to_string(a.http_status));
    return a;
  }
  return a;
}

EtcdAnswer EtcdClient::exchange_now(const std::string& path, const std::string& body) {
  return exchange(sync_conn_, path, body, nullptr, options_.timeout);
}

void EtcdClient::run() {
  for (;;) {
    std::optional<Job> next;
    Duration timeout;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      next.emplace(std::move(jobs_.front()));
      jobs_.pop_front();
      timeout = options_.timeout;
    }
    Job& job = *next;
    EtcdAnswer a = exchange(conn_, job.path, job.body, nullptr, timeout);
    asio::post(io_, [alive = std::move(job.alive), cb = std::move(job.on_answer),
                     a = std::move(a)]() mutable {
      if (!alive.expired()) cb(std::move(a));
    });
  }
}

void EtcdClient::watch(std::string body, std::function<void(std::string)> on_chunk,
                       std::function<void(std::string)> on_end) {
  {
    std::lock_guard lock(mutex_);
    ++watch_gen_;
    watch_wanted_ = true;
    watch_body_ = std::move(body);
    on_chunk_ = std::move(on_chunk);
    on_end_ = std::move(on_end);
    watch_token_ = watch_alive_.token();
  }
  wake_watch_.notify_one();
}

void EtcdClient::cancel_watch() {
  watch_alive_.renew();
  std::lock_guard lock(mutex_);
  ++watch_gen_;
  watch_wanted_ = false;
  if (watch_conn_.client) watch_conn_.client->stop();
  watch_conn_.for_url.clear();
}

void EtcdClient::run_watch() {
  for (;;) {
    std::string body;
    std::uint64_t gen = 0;
    std::function<void(std::string)> on_chunk, on_end;
    std::optional<Liveness::Token> token;
    {
      std::unique_lock lock(mutex_);
      wake_watch_.wait(lock, [this] { return stopping_ || watch_wanted_; });
      if (stopping_) return;
      watch_wanted_ = false;
      body = watch_body_;
      gen = watch_gen_;
      on_chunk = on_chunk_;
      on_end = on_end_;
      token = watch_token_;
    }
    const Liveness::Token alive = *token;
    const auto current = [this, gen] {
      std::lock_guard lock(mutex_);
      return !stopping_ && watch_gen_ == gen;
    };
    auto sink = [&](const char* data, std::size_t n) {
      if (!current()) return false;
      asio::post(io_, [alive, on_chunk, chunk = std::string(data, n)]() mutable {
        if (!alive.expired()) on_chunk(std::move(chunk));
      });
      return true;
    };
    // No read timeout that idles out a quiet watch: the lease keepalive notices a dead etcd and
    // its owner cancels and restarts the watch.
    EtcdAnswer a = exchange(watch_conn_, "/v3/watch", body, sink, std::chrono::hours(24));
    if (!current()) continue;
    std::string why = a.delivered ? (a.http_status == 200 ? std::string()
                                                          : "HTTP " + std::to_string(a.http_status))
                                  : a.error;
    {
      std::lock_guard lock(mutex_);
      watch_conn_.for_url.clear();
    }
    asio::post(io_, [alive, on_end, why = std::move(why)]() mutable {
      if (!alive.expired()) on_end(std::move(why));
    });
  }
}

}  // namespace gw::net
