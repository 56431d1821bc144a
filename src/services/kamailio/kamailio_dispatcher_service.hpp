// KamailioDispatcherService: drives Kamailio's dispatcher from the dial-peers' keepalive
// verdicts (design.md, "Acting on the verdicts: Kamailio's dispatcher").
//
// Contract:
// - The plan (kamailio_plan.hpp) names the bindings; a kamailio::DispatcherSync decides what to
//   send; a net::KamailioRpcClient sends it off the io thread. observe() takes every event of
//   the daemon: dial-peer.down / dial-peer.up of a bound dial-peer, and
//   server-group.member.down / up of a bound member (fields group, address, transport), reach
//   the sync at once. A member's verdict is `member_up` (the server-group keepalive's, down
//   while any stream probing that member is down) when given, else the event's.
// - Emits kamailio.dispatcher.set, kamailio.rpc.down and kamailio.rpc.up with their IOS-style
//   log lines (report/kamailio_wording.hpp); a missing destination is a log line.
// - reconfigure() re-plans when the kamailio settings or any dial-peer changed, with the
//   dial-peers' and members' current verdicts (`dial_peer_up`, `member_up`): the daemon
//   reconfigures it after the dial-peer and server-group services. A new URL applies from the next
//   request.
// - Nothing it does waits for Kamailio: a slow or absent Kamailio delays only its own requests.
// - stop() cancels its timer and joins the client's thread; nothing is emitted after it.
// Single-threaded (the io_context's thread); the sink and logger outlive it.
#pragma once
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/liveness.hpp"
#include "kamailio/dispatcher_sync.hpp"
#include "net/kamailio_rpc_client.hpp"
#include "ops/logger.hpp"
#include "report/event_sink.hpp"
#include "services/kamailio/kamailio_plan.hpp"
#include "services/service.hpp"

namespace gw::daemon {

class KamailioDispatcherService final : public Service {
 public:
  using DialPeerUp = std::function<bool(long tag)>;
  using MemberUp = std::function<bool(const KamailioMember& member)>;

  KamailioDispatcherService(asio::io_context& io, const config::Config& config, EventSink& sink,
                            const Logger& logger, DialPeerUp dial_peer_up, MemberUp member_up = {});
  ~KamailioDispatcherService() override;

  std::string_view name() const override { return "kamailio"; }
  Status<> start() override;
  void stop() override;
  void snapshot(DaemonSnapshot& out) const override;
  void reconfigure(const config::Config& next, const ConfigDiff& diff) override;

  void observe(const Event& event);

 private:
  void apply(KamailioPlan plan);
  void pump();
  void on_answer(kamailio::Answer answer);
  void observe_member(const Event& event, bool up);

  asio::io_context& io_;
  EventSink& sink_;
  const Logger& logger_;
  DialPeerUp dial_peer_up_;
  MemberUp member_up_;
  KamailioPlan plan_;
  kamailio::DispatcherSync sync_;
  std::unique_ptr<net::KamailioRpcClient> client_;
  asio::steady_timer timer_;
  TimePoint timer_at_ = TimePoint::max();
  bool running_ = false;
  Liveness alive_;
};

}  // namespace gw::daemon
