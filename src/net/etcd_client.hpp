// EtcdClient: carries cluster requests to etcd's JSON gateway (HTTP/1.1, TLS when the endpoints
// are https://) and brings the answers back to the io_context.
// Contract:
// - request() only queues; one worker thread sends the queued requests in order over a
//   kept-alive connection (cpp-httplib) and posts each answer to the io_context: delivered
//   (HTTP status, body cut at kMaxAnswerBytes) or not (refused, reset, timeout). A request that
//   cannot reach its endpoint is tried once on each other endpoint before it fails; the
//   endpoint that answered is preferred from then on. Each endpoint's health (last outcome) is
//   kept for `show cluster`.
// - exchange_now() is the same exchange on the caller's thread: for start-up, before run().
// - watch() starts one long POST /v3/watch on a second thread; each chunk of its body reaches
//   on_chunk on the io_context, in order, then on_end once with why it ended (empty: closed by
//   the server). cancel_watch() aborts it (no on_chunk or on_end after it). One watch at a time.
// - After stop() or destruction no callback runs; stop() aborts what is in flight.
// - TLS: the CA file verifies the server (and its name); a client certificate and key when
//   given. Options apply from the next connection.
#pragma once
#include <asio/io_context.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/liveness.hpp"
#include "base/time.hpp"
#include "cluster/endpoint.hpp"

namespace httplib {
class Client;
}

namespace gw::net {

struct EtcdOptions {
  std::vector<cluster::Endpoint> endpoints;
  std::string ca_file, cert_file, key_file;
  Duration timeout = seconds(2);
};

struct EtcdAnswer {
  bool delivered = false;
  int http_status = 0;
  std::string body;
  std::string error;  // when not delivered
  std::string endpoint;
  Duration latency{};
  std::size_t bytes_sent = 0;
};

struct EtcdEndpointHealth {
  std::string url;
  bool healthy = false;
  bool tried = false;
  std::string last_error;
};

class EtcdClient {
 public:
  using OnAnswer = std::function<void(EtcdAnswer)>;
  EtcdClient(asio::io_context& io, EtcdOptions options);
  ~EtcdClient();
  EtcdClient(const EtcdClient&) = delete;
  EtcdClient& operator=(const EtcdClient&) = delete;

  void set_options(EtcdOptions options);
  void request(std::string path, std::string body, OnAnswer on_answer);
  EtcdAnswer exchange_now(const std::string& path, const std::string& body);
  void watch(std::string body, std::function<void(std::string)> on_chunk,
             std::function<void(std::string)> on_end);
  void cancel_watch();
  void stop();
  std::vector<EtcdEndpointHealth> health() const;

 private:
  struct Job {
    std::string path, body;
    OnAnswer on_answer;
    Liveness::Token alive;
  };
  struct Conn {
    std::unique_ptr<httplib::Client> client;
    std::string for_url;
  };
  void run();
  void run_watch();
  EtcdAnswer exchange(Conn& conn, const std::string& path, const std::string& body,
                      const std::function<bool(const char*, std::size_t)>& sink,
                      Duration read_timeout);
  httplib::Client& client_for(Conn& conn, const cluster::Endpoint& e, Duration read_timeout);
  void note(std::size_t index, bool ok, const std::string& error);

  asio::io_context& io_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, wake_watch_;
  EtcdOptions options_;
  std::size_t preferred_ = 0;
  std::vector<EtcdEndpointHealth> health_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  Liveness alive_;
  Conn conn_, watch_conn_, sync_conn_;
  // The watch under way: its generation (cancel_watch() bumps it), request and callbacks.
  std::uint64_t watch_gen_ = 0;
  bool watch_wanted_ = false;
  std::string watch_body_;
  std::function<void(std::string)> on_chunk_, on_end_;
  Liveness watch_alive_;  // renewed by cancel_watch() on the io thread
  Liveness::Token watch_token_ = watch_alive_.token();  // taken by watch(), on the io thread
  std::thread worker_, watcher_;
};

}  // namespace gw::net
