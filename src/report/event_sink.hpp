// EventSink: where daemon events go (the JSON lines file: json_lines_sink.hpp; counters and
// observers: event_tee.hpp). Contract: emit() never throws. Single-threaded (the io_context's
// thread).
#pragma once
#include "report/event.hpp"

namespace gw::daemon {

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void emit(const Event& event) = 0;
};

// Drops everything (no --events given).
class NullSink final : public EventSink {
 public:
  void emit(const Event&) override {}
};

}  // namespace gw::daemon
