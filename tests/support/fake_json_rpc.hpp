// FakeJsonRpc: a local HTTP server on 127.0.0.1 standing in for Kamailio's jsonrpcs (POST
// /RPC), answering with the handler the test gives; it counts requests and the client ports
// they came from (one port: one kept-alive connection). FakeDispatcher: that handler playing
// Kamailio's dispatcher for one set, as Kamailio 5.6 answers (contrib/kamailio/README.md):
// dispatcher.list, dispatcher.set_state (an unknown destination: HTTP 500 with the JSON-RPC
// error). The server runs on a thread of its own; the test's thread may read the counters.
#pragma once
#include <httplib.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

namespace gw::test {

class FakeJsonRpc {
 public:
  explicit FakeJsonRpc(std::function<void(const httplib::Request&, httplib::Response&)> handler) {
    server_.Post("/RPC", [this, handler](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard lock(mutex_);
        peers_.insert(req.remote_port);
      }
      ++requests_;
      handler(req, res);
    });
    // Bound before the thread starts: a request sent at once waits in the backlog.
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FakeJsonRpc() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/RPC"; }
  std::size_t connections() {
    std::lock_guard lock(mutex_);
    return peers_.size();
  }
  int requests() const { return requests_; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::mutex mutex_;
  std::set<int> peers_;
  std::atomic<int> requests_{0};
};

class FakeDispatcher {
 public:
  // Destinations of set `set`, all active.
  FakeDispatcher(long set, std::initializer_list<std::string> uris) : set_(set) {
    for (const auto& u : uris) flags_[u] = "AX";
  }
  std::function<void(const httplib::Request&, httplib::Response&)> handler() {
    return [this](const httplib::Request& req, httplib::Response& res) { answer(req, res); };
  }
  std::string flags(const std::string& uri) {
    std::lock_guard lock(mutex_);
    return flags_[uri];
  }
  void set_flags(const std::string& uri, std::string flags) {
    std::lock_guard lock(mutex_);
    flags_[uri] = std::move(flags);
  }

 private:
  void answer(const httplib::Request& req, httplib::Response& res) {
    using nlohmann::json;
    const json in = json::parse(req.body, nullptr, false);
    json out{{"jsonrpc", "2.0"}, {"id", in.value("id", json())}};
    std::lock_guard lock(mutex_);
    const std::string method = in.value("method", "");
    if (method == "dispatcher.list") {
      json targets = json::array();
      for (const auto& [uri, flags] : flags_)
        targets.push_back({{"DEST", {{"URI", uri}, {"FLAGS", flags}, {"PRIORITY", 0}}}});
      out["result"] = {{"NRSETS", 1},
                       {"RECORDS", json::array({{{"SET", {{"ID", set_}, {"TARGETS", targets}}}}})}};
    } else if (method == "dispatcher.set_state") {
      const json& p = in["params"];
      const auto it = flags_.find(p[2].get<std::string>());
      if (p[1].get<long>() != set_ || it == flags_.end()) {
        out["error"] = {{"code", 500}, {"message", "State Update Failed"}};
        res.status = 500;
      } else {
        it->second = p[0].get<std::string>() == "i" ? "IX" : "AX";
        out["result"] = "Ok. Dispatcher state updated.";
      }
    } else {
      out["error"] = {{"code", 500}, {"message", "Method Not Found"}};
      res.status = 500;
    }
    res.set_content(out.dump(), "application/json");
  }

  long set_;
  std::mutex mutex_;
  std::map<std::string, std::string> flags_;
};

}  // namespace gw::test
