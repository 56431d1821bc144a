// Snapshots: copies of the daemon's live state for show commands and metrics. Plain values,
// taken on the io_context's thread and then safe to read anywhere; the show_*.cpp renderers
// are pure functions of them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/time.hpp"
#include "base/transport.hpp"
#include "config/model.hpp"
#include "kamailio/dispatcher_sync.hpp"
#include "kamailio/settings.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/settings.hpp"
#include "keepalive/target_session.hpp"
#include "report/attempt_stats.hpp"
#include "report/cluster_snapshot.hpp"
#include "report/dial_peer_snapshot.hpp"
#include "report/server_group_snapshot.hpp"
#include "sccp/group_manager.hpp"
#include "sccp/settings.hpp"
#include "sccp/wire_counters.hpp"
#include "sip/wire_counters.hpp"

namespace gw::daemon {

struct SipTargetSnapshot {
  std::string role;        // "primary" | "secondary"
  std::string configured;  // as configured: "ipv4:127.0.0.1:5060"
  std::string address;     // "ip:port" of the last attempt
  Transport transport = Transport::udp;
  keepalive::TargetState state = keepalive::TargetState::up;
  bool probing = false;  // an attempt is running now
  int consecutive_successes = 0;
  int last_status = 0;  // 0: no final response yet
  std::optional<Duration> last_rtt;
  std::optional<keepalive::FailureReason> last_failure;
  std::uint64_t attempts = 0;
  std::uint64_t failures = 0;
  AttemptStats stats;  // failures by reason, RTT histogram (metrics)
};

struct SipKeepaliveSnapshot {
  std::vector<SipTargetSnapshot> targets;  // primary first
  // As configured (seconds unscaled); the defaults are the commands' (keepalive/settings.hpp).
  int trigger = keepalive::sip_ua::kKeepaliveTrigger.default_value;
  int retries = keepalive::sip_ua::kRetryKeepalive.default_value;
  int active_seconds = keepalive::sip_ua::kTimersKeepaliveActive.default_value;
  int down_seconds = keepalive::sip_ua::kTimersKeepaliveDown.default_value;
  double time_scale = 1.0;
  bool total_failure = false;
  sip::SipWireCounters counters;
};

struct VoicePortSnapshot {
  std::string port;  // "0/0/1"
  std::string description;
  bool shutdown = false;  // admin state
  bool monitor_keepalive = false;
  bool busy = false;
  std::string why;  // "keepalive" when busied out by keepalive, else empty
};

// SCCP (`show sccp`, `show sccp ccm group`). Configured values are as configured (seconds,
// unscaled); the live group state (sccp::GroupSnapshot) holds scaled durations: divide by
// time_scale to print them in configured units.
struct SccpCcmLine {  // one `sccp ccm` line
  int identifier = 0;
  std::string address;
  int port = sccp::ccm::kPort.default_value;
  std::string version;
};

struct SccpDeviceSnapshot {  // one `associate profile N register NAME` that registers
  unsigned group = 0;
  int profile = 0;
  std::string name;
  config::DspfarmKind kind = config::DspfarmKind::conference;
  std::uint32_t type = 0;  // SCCP device type: 50, 110, 111
  int max_streams = 0;
};

struct SccpGroupState {
  unsigned group = 0;
  config::CcmGroup settings;
  sccp::GroupSnapshot live;
  sccp::SccpWireCounters wire;
};

struct SccpSnapshot {
  bool enabled = false;  // `sccp` admin state
  std::string local;     // `sccp local`
  double time_scale = 1.0;
  std::vector<SccpCcmLine> ccms;
  std::vector<SccpGroupState> groups;
  std::vector<SccpDeviceSnapshot> devices;
  std::vector<std::string> notes;  // why a profile, CCM or group was skipped
};

// Kamailio's dispatcher driven by the dial-peers (`show kamailio`, metrics).
struct KamailioSnapshot {
  std::string url;
  int resync_seconds = kamailio::kResync.default_value;
  bool reachable = true;
  std::string last_error;
  kamailio::SyncCounters counters;
  std::size_t destinations = 0;  // bound destinations
  std::size_t in_sync = 0;
  std::size_t missing = 0;
  std::size_t pending() const { return destinations - in_sync - missing; }
  std::vector<kamailio::DestinationView> not_in_sync;  // pending or missing, the first ones
};

struct DaemonSnapshot {
  std::optional<SipKeepaliveSnapshot> sip;
  std::vector<VoicePortSnapshot> voice_ports;
  std::optional<SccpSnapshot> sccp;
  std::optional<DialPeerKeepaliveSnapshot> dial_peers;
  std::optional<KamailioSnapshot> kamailio;
  std::optional<ServerGroupKeepaliveSnapshot> server_groups;
  std::optional<ClusterSnapshot> cluster;
};

}  // namespace gw::daemon
