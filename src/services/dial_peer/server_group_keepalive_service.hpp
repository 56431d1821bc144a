// ServerGroupKeepaliveService: CUBE OPTIONS keepalive of server-group dial-peers
// (reference/ios-keepalive.md, "Server groups"): every member of a group is probed, once per
// (group, profile) whatever the number of dial-peers sharing them (server_group_plan.hpp).
//
// Contract:
// - One keepalive::TargetSession and one TargetProber (the daemon's factory, as for plain
//   dial-peers) per member stream; the same success/failure rules and trigger 1. Attempts are
//   timed by an AttemptPacer of its own over the streams (attempt_pacer.hpp).
// - A dial-peer is `busyout` when every member of its set is down (or the group is shut or
//   empty), `partial` when some are, `active` otherwise. Emits server-group.member.down/up per
//   member transition, and dial-peer.down / dial-peer.up for each dial-peer of the set when it
//   enters / leaves busyout (design.md), with IOS-style log lines (server_group_wording.hpp).
// - reconfigure(next, diff): re-plans every server-group dial-peer (O(those)); a stream whose
//   set key, member and settings are unchanged keeps its session, counters and due time; the
//   others stop, and new ones start with fresh sessions. No events for a restart.
// - Records the lateness of every attempt start versus its due time; stop() logs it as
//   %GATEWATCH-6-SERVER_GROUP_STATS (bench/scale reads it).
// - stop() cancels everything; nothing is emitted after it. Time: `clock` (SteadyClock when
//   null) is the only "now"; tests with a FakeClock advance it and call poll().
// - The io_context, sink, logger, clock and the probers' context must outlive the service.
//   Single-threaded (the io_context's thread).
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "base/liveness.hpp"
#include "base/time.hpp"
#include "config/model.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/target_session.hpp"
#include "ops/logger.hpp"
#include "report/event_sink.hpp"
#include "report/lateness_histogram.hpp"
#include "report/server_group_snapshot.hpp"
#include "report/server_group_wording.hpp"
#include "services/dial_peer/attempt_pacer.hpp"
#include "services/dial_peer/server_group_plan.hpp"
#include "services/service.hpp"
#include "services/target_prober.hpp"

namespace gw::daemon {

class ServerGroupKeepaliveService final : public Service {
 public:
  ServerGroupKeepaliveService(asio::io_context& io, const config::Config& config, double time_scale,
                              ProberFactory factory, EventSink& sink, const Logger& logger,
                              const Clock* clock = nullptr);
  ~ServerGroupKeepaliveService() override;

  std::string_view name() const override { return "server-group-keepalive"; }
  Status<> start() override;
  void stop() override;
  void snapshot(DaemonSnapshot& out) const override;
  // Counts only (metrics, service status): O(1).
  void summary(DaemonSnapshot& out) const override;
  void reconfigure(const config::Config& next, const ConfigDiff& diff) override;

  void poll(std::optional<TimePoint> woke_for = std::nullopt);
  std::size_t streams() const { return by_slot_.size() - free_.size(); }
  // The dial-peer's state; nullopt when it is no probed server-group dial-peer.
  std::optional<GroupPeerState> state(long tag) const;
  // A member's verdict, as its events name it (group, "ip:port", transport): false while any
  // stream probing it is down, true otherwise (also when no stream probes it).
  // O(log sets + streams of the group).
  bool member_up(long group, std::string_view address, Transport transport) const;
  // Called (io thread) for every dial-peer whose state changes, after its event if any: the
  // status page keeps its `partial` rows from it.
  using PeerObserver = std::function<void(const ServerGroupPeerChange&)>;
  void set_peer_observer(PeerObserver f) { peer_observer_ = std::move(f); }

 private:
  struct Stream {
    std::size_t set = 0;
    MemberProbe def;
    keepalive::TargetSession session;
    std::unique_ptr<TargetProber> prober;
    bool live = false;
    bool probing = false;
  };
  struct Set {
    ProbeSet plan;
    std::vector<std::uint32_t> slots;  // by member
    std::size_t down = 0;
  };

  void load(const config::Config& config);
  std::uint32_t add_stream(std::size_t set, MemberProbe def);
  void free_stream(std::uint32_t slot);
  void schedule_first(const std::vector<std::uint32_t>& slots);
  void begin(std::uint32_t slot, TimePoint due);
  void on_result(std::uint32_t slot, const keepalive::AttemptOutcome& outcome);
  void rearm();
  static GroupPeerState state_of(const Set& s);
  void recount();                        // counts_ from every set
  void count(const Set& set, int sign);  // adds (+1) or takes out (-1) a set's share
  TimePoint now() const { return clock_ ? clock_->now() : SteadyClock::now(); }
  PeerObserver peer_observer_;

  double time_scale_;
  ProberFactory factory_;
  EventSink& sink_;
  const Logger& logger_;
  const Clock* clock_;
  std::map<long, config::ServerGroup> groups_;
  std::vector<Set> sets_;               // by key
  std::map<long, std::size_t> set_of_;  // dial-peer tag -> set
  std::vector<Stream> by_slot_;
  std::vector<std::uint32_t> free_;
  // What summary() reports, kept as sets change state: O(1) for metrics.
  struct Counts {
    std::size_t members_down = 0, peers = 0, partial = 0, busyout = 0;
  } counts_;
  std::optional<AttemptPacer> pacer_;
  asio::steady_timer tick_timer_;
  LatenessHistogram lateness_;
  std::uint64_t probes_ = 0;
  bool running_ = false;
  Liveness alive_;
};

}  // namespace gw::daemon
