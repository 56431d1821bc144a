// TeeSink: the daemon's one EventSink. Forwards each event to the configured sink (--events),
// counts it (metrics: events by name, SCCP switchovers/switchbacks by group) and hands it to
// each observer (notify hook, systemd status, demo timeline) in the order they were added.
// Contract: emit() never throws (an observer must not throw either); the inner sink must
// outlive the tee. Counters are bounded: one entry per event name and per group number.
// Single-threaded (the io_context's thread); counts() returns a copy for the metrics snapshot.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "report/event_sink.hpp"

namespace gw::daemon {

struct EventCounts {
  std::map<std::string, std::uint64_t> by_name;
  std::map<std::int64_t, std::uint64_t> switchovers;  // by group
  std::map<std::int64_t, std::uint64_t> switchbacks;  // by group
};

class TeeSink final : public EventSink {
 public:
  using Observer = std::function<void(const Event&)>;
  explicit TeeSink(EventSink& inner) : inner_(inner) {}

  void add_observer(Observer o) { observers_.push_back(std::move(o)); }
  void emit(const Event& event) override;
  const EventCounts& counts() const { return counts_; }

 private:
  EventSink& inner_;
  std::vector<Observer> observers_;
  EventCounts counts_;
};

}  // namespace gw::daemon
