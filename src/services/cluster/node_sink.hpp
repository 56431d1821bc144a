// NodeSink: the event sink the dial-peer service writes to in a cluster. Each dial-peer.* event
// gets `node` (this node: the one that probed), is shown to the observer (the cluster service
// publishes the transition), then goes on to `next`; every other event goes on unchanged.
// Single-threaded (the io_context's thread); `next` outlives it.
#pragma once
#include <functional>
#include <string>

#include "report/cluster_wording.hpp"
#include "report/event_sink.hpp"

namespace gw::daemon {

class NodeSink final : public EventSink {
 public:
  NodeSink(EventSink& next, std::string node) : next_(next), node_(std::move(node)) {}
  void set_observer(std::function<void(const Event&)> observer) { observer_ = std::move(observer); }
  void emit(const Event& e) override {
    if (!is_dial_peer_event(e)) return next_.emit(e);
    Event tagged = e;
    tagged.with("node", node_);
    if (observer_) observer_(tagged);
    next_.emit(tagged);
  }

 private:
  EventSink& next_;
  std::string node_;
  std::function<void(const Event&)> observer_;
};

}  // namespace gw::daemon
