#include "net/kamailio_rpc_client.hpp"

#include <httplib.h>

#include <asio/post.hpp>
#include <cassert>
#include <chrono>
#include <memory>

namespace gw::net {

KamailioRpcClient::KamailioRpcClient(asio::io_context& io, OnAnswer on_answer, Duration timeout)
    : io_(io), on_answer_(std::move(on_answer)), timeout_(timeout) {
  worker_ = std::thread([this] { run(); });
}

KamailioRpcClient::~KamailioRpcClient() {
  stop();
  client_.reset();
}

void KamailioRpcClient::stop() {
  alive_.renew();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    pending_.reset();
    if (client_) client_->stop();  // aborts a request in flight: no wait for its timeout
  }
  wake_.notify_one();
  if (worker_.joinable()) worker_.join();
}

void KamailioRpcClient::set_url(kamailio::RpcUrl url) {
  std::lock_guard lock(mutex_);
  url_ = std::move(url);
}

void KamailioRpcClient::send(kamailio::Request request) {
  {
    std::lock_guard lock(mutex_);
    assert(!pending_);
    pending_ = Pending{std::move(request), alive_.token()};
  }
  wake_.notify_one();
}

void KamailioRpcClient::run() {
  for (;;) {
    std::optional<Pending> job;
    kamailio::RpcUrl url;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || pending_; });
      if (stopping_) return;
      job = std::move(pending_);
      pending_.reset();
      url = url_;
    }
    kamailio::Answer answer = exchange(url, job->request);
    asio::post(io_, [this, alive = std::move(job->alive), answer = std::move(answer)]() mutable {
      if (!alive.expired()) on_answer_(std::move(answer));
    });
  }
}

kamailio::Answer KamailioRpcClient::exchange(const kamailio::RpcUrl& url,
                                             const kamailio::Request& request) {
  kamailio::Answer a;
  a.id = request.id;
  if (!client_ || client_for_ != url.scheme_host_port) {
    auto fresh = std::make_unique<httplib::Client>(url.scheme_host_port);
    {
      std::lock_guard lock(mutex_);  // stop() may abort it from the io thread
      if (stopping_) return a;
      client_ = std::move(fresh);
    }
    client_for_ = url.scheme_host_port;
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(timeout_).count();
    client_->set_keep_alive(true);
    client_->set_tcp_nodelay(true);  // headers and body go out as written, no Nagle wait
    client_->set_connection_timeout(us / 1000000, us % 1000000);
    client_->set_read_timeout(us / 1000000, us % 1000000);
    client_->set_write_timeout(us / 1000000, us % 1000000);
  }
  httplib::Request req;
  req.method = "POST";
  req.path = url.path;
  req.body = request.body;
  req.set_header("Content-Type", "application/json");
  std::string body;
  req.content_receiver = [&body](const char* data, std::size_t n, std::uint64_t, std::uint64_t) {
    const std::size_t room = kamailio::kMaxAnswerBytes + 1 - body.size();
    body.append(data, std::min(n, room));
    return body.size() <= kamailio::kMaxAnswerBytes;
  };
  const auto start = SteadyClock::now();
  httplib::Response res;
  httplib::Error err = httplib::Error::Success;
  const bool sent = client_->send(req, res, err);
  a.latency = SteadyClock::now() - start;
  if (!sent && body.size() <= kamailio::kMaxAnswerBytes) {
    a.error = httplib::to_string(err);
    client_->stop();  // a fresh connection next time
    return a;
  }
  a.delivered = true;
  a.http_status = sent ? res.status : 200;
  a.body = std::move(body);
  if (request.kind == kamailio::Request::Kind::list) {
    // Parsed here, not on the io thread: 10k destinations are ~0.7 MB of JSON.
    a.list = kamailio::parse_list_answer(a.body, a.id);
    a.body.clear();
  }
  return a;
}

}  // namespace gw::net
