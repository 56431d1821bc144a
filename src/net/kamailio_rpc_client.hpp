// KamailioRpcClient: carries the JSON-RPC requests of kamailio::DispatcherSync to Kamailio's
// jsonrpcs over HTTP and brings the answers back to the io_context.
// Contract: send() only queues (never blocks the io thread); one worker thread of its own
// builds nothing and waits for nothing but the HTTP exchange, over one kept-alive connection
// (cpp-httplib's client; it reconnects when Kamailio closed it). At most one request is
// outstanding: send() while one is replaces nothing and is a programming error (asserted).
// Every request ends in exactly one on_answer on the io_context: delivered (HTTP status and
// body, the body cut off after kamailio::kMaxAnswerBytes, which the parser then refuses) or
// not (connection refused or reset, timeout: `timeout` for connecting and for each read). A
// dispatcher.list answer arrives parsed (Answer::list), the parsing done on the worker.
// After stop() or destruction no on_answer runs; stop() aborts a request in flight rather than
// waiting for its timeout. set_url() takes effect for the next request.
#pragma once
#include <asio/io_context.hpp>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/liveness.hpp"
#include "base/result.hpp"
#include "base/time.hpp"
#include "kamailio/dispatcher_sync.hpp"
#include "kamailio/rpc_url.hpp"

namespace httplib {
class Client;
}

namespace gw::net {

class KamailioRpcClient {
 public:
  using OnAnswer = std::function<void(kamailio::Answer)>;
  KamailioRpcClient(asio::io_context& io, OnAnswer on_answer, Duration timeout = seconds(2));
  ~KamailioRpcClient();
  KamailioRpcClient(const KamailioRpcClient&) = delete;
  KamailioRpcClient& operator=(const KamailioRpcClient&) = delete;

  void set_url(kamailio::RpcUrl url);
  void send(kamailio::Request request);
  void stop();

 private:
  void run();
  kamailio::Answer exchange(const kamailio::RpcUrl& url, const kamailio::Request& request);

  asio::io_context& io_;
  OnAnswer on_answer_;
  Duration timeout_;
  Liveness alive_;
  std::mutex mutex_;
  std::condition_variable wake_;
  struct Pending {
    kamailio::Request request;
    Liveness::Token alive;  // taken on the io thread by send(), checked there by the answer
  };
  std::optional<Pending> pending_;
  kamailio::RpcUrl url_;
  bool stopping_ = false;
  // One client per URL, kept between requests so its connection stays open. The worker uses
  // it; replacing it and stop()'s abort hold mutex_.
  std::unique_ptr<httplib::Client> client_;
  std::string client_for_;
  std::thread worker_;
};

}  // namespace gw::net
