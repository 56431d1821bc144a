// The typed gatewatch configuration: every command of the reference, validated once by the
// command handlers that fill it. Plain values, copyable; a Config is either the whole old or
// the whole new configuration, never a mix (loaders build a copy and swap).
// Defaults and ranges of the numbers are defined once, by the layer that owns each concept:
// keepalive/settings.hpp (sip-ua, voice class sip-options-keepalive) and sccp/settings.hpp
// (sccp ccm, sccp ccm group); the fields below default-initialise from them and the command
// tables build their `<min-max>` tokens from them. render.hpp prints only what differs.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/transport.hpp"
#include "cluster/settings.hpp"
#include "config/sip_server.hpp"
#include "kamailio/settings.hpp"
#include "keepalive/settings.hpp"
#include "sccp/settings.hpp"
#include "sccp/switch_methods.hpp"

namespace gw::config {

// `keepalive target ...` in sip-ua mode.
struct KeepaliveTarget {
  SipServer server;
  Transport transport = keepalive::sip_ua::kKeepaliveTargetTransport;
  // The port actually probed: the configured one or the RFC 3261 default for the transport.
  std::uint16_t port() const {
    return server.port ? *server.port : static_cast<std::uint16_t>(default_sip_port(transport));
  }
  bool operator==(const KeepaliveTarget&) const = default;
};

// The target as show commands and events name it: "ipv4:10.0.0.1:5060" (the probed port
// always written out for addresses), "dns:sip.example.com" (a DNS name as configured).
std::string configured_text(const KeepaliveTarget& target);

struct SipUa {
  std::optional<KeepaliveTarget> primary;
  std::optional<KeepaliveTarget> secondary;
  int keepalive_trigger = keepalive::sip_ua::kKeepaliveTrigger.default_value;
  int timers_active = keepalive::sip_ua::kTimersKeepaliveActive.default_value;  // seconds
  int timers_down = keepalive::sip_ua::kTimersKeepaliveDown.default_value;      // seconds
  int retry_keepalive = keepalive::sip_ua::kRetryKeepalive.default_value;
  std::string tls_ca_file;  // gatewatch extension: `keepalive tls ca-file PATH`
  bool operator==(const SipUa&) const = default;
};

struct VoicePort {
  bool busyout_monitor_keepalive = false;  // `busyout monitor keepalive`: off unless configured
  std::string description;
  bool shutdown = false;
  bool operator==(const VoicePort&) const = default;
};

// `sccp ccm {addr|name} identifier N [priority P] [port N] version V`
struct SccpCcm {
  std::string address;
  int identifier = 0;
  std::optional<int> priority;  // the older IOS form keeps the priority on the CCM
  std::optional<int> port;      // unset: sccp::ccm::kPort's default
  std::string version;
  int effective_port() const { return port ? *port : sccp::ccm::kPort.default_value; }
  bool operator==(const SccpCcm&) const = default;
};

// Defined once in base (shared with the sccp layer), named here as part of the model.
using gw::SwitchbackMethod;
using gw::SwitchoverMethod;

struct ProfileRegistration {
  int profile = 0;
  std::string device_name;
  bool operator==(const ProfileRegistration&) const = default;
};

struct CcmGroup {
  std::string description;
  std::string bind_interface;
  std::map<int, int> ccm_by_priority;         // priority -> CCM identifier
  std::vector<ProfileRegistration> profiles;  // in configuration order
  int keepalive_retries = sccp::ccm_group::kKeepaliveRetries.default_value;
  int keepalive_timeout = sccp::ccm_group::kKeepaliveTimeout.default_value;  // seconds
  int connect_retries = sccp::ccm_group::kConnectRetries.default_value;
  int connect_interval = sccp::ccm_group::kConnectInterval.default_value;  // seconds
  int registration_retries = sccp::ccm_group::kRegistrationRetries.default_value;
  int registration_timeout = sccp::ccm_group::kRegistrationTimeout.default_value;  // seconds
  SwitchoverMethod switchover = sccp::ccm_group::kSwitchoverMethod;
  SwitchbackMethod switchback = sccp::ccm_group::kSwitchbackMethod;
  int switchback_guard = sccp::ccm_group::kSwitchbackGuard.default_value;        // seconds
  int switchback_interval = sccp::ccm_group::kSwitchbackInterval.default_value;  // seconds
  bool operator==(const CcmGroup&) const = default;
};

enum class DspfarmKind { conference, mtp, transcode };

struct DspfarmProfile {
  DspfarmKind kind = DspfarmKind::conference;
  bool associate_sccp = false;
  std::optional<int> maximum_sessions;
  // Active unless `shutdown`: a running-config copied off a router shows `shutdown` only for a
  // shut profile, so a profile block without it is in service.
  bool shutdown = false;
  bool operator==(const DspfarmProfile&) const = default;
};

// `voice class sip-options-keepalive <1-10000>` (CUBE): probing policy for dial-peers.
struct OptionsKeepaliveProfile {
  int up_interval = keepalive::options_keepalive::kUpInterval.default_value;      // seconds
  int down_interval = keepalive::options_keepalive::kDownInterval.default_value;  // seconds
  int retry = keepalive::options_keepalive::kRetry.default_value;  // retransmissions per attempt
  Transport transport = keepalive::options_keepalive::kTransport;
  std::string description;
  std::string sip_profiles;  // accepted and kept; header manipulation is out of scope
  bool shutdown = false;
  bool operator==(const OptionsKeepaliveProfile&) const = default;
};

// The inline `voice-class sip options-keepalive [up-interval N] [down-interval N] [retry N]`.
struct InlineOptionsKeepalive {
  std::optional<int> up_interval, down_interval, retry;
  bool operator==(const InlineOptionsKeepalive&) const = default;
};

// `dial-peer voice <tag> voip`, the parts the OPTIONS keepalive uses.
// `kamailio dispatcher set <id> [uri SIP-URI]` on a dial-peer (gatewatch extension).
struct DispatcherBinding {
  long set = 0;
  std::string uri;  // empty: the default URI of the session target (kamailio_plan.hpp)
  bool operator==(const DispatcherBinding&) const = default;
};

// `kamailio rpc URL`, `kamailio resync <1-3600>` (gatewatch extension).
struct KamailioSettings {
  std::string rpc_url;                           // empty: not configured
  int resync = kamailio::kResync.default_value;  // seconds
  bool operator==(const KamailioSettings&) const = default;
};

// `voice class server-group <tag>` (CUBE): the servers of a SIP trunk, each probed on its own
// by the OPTIONS keepalive of the dial-peers that name the group (server_group.hpp).
struct ServerGroupMember {
  bool ipv6 = false;
  std::string address;                // as IOS prints it (IPv6 in lower case, compressed)
  std::optional<std::uint16_t> port;  // unset: 5060
  int preference = 0;                 // 0 most preferred
  std::uint16_t effective_port() const { return port ? *port : 5060; }
  bool operator==(const ServerGroupMember&) const = default;
};

struct ServerGroup {
  std::vector<ServerGroupMember> members;  // configuration order, at most kServerGroupMembers
  bool hunt_round_robin = false;           // `hunt-scheme round-robin`; default by preference
  std::string description;
  bool shutdown = false;
  bool operator==(const ServerGroup&) const = default;
};
inline constexpr std::size_t kServerGroupMembers = 5;

// `cluster etcd URL [URL ...]`, `cluster lease <1-60>`, `cluster etcd tls ca-file PATH [cert
// PATH key PATH]` (gatewatch extension: several nodes, design.md).
struct ClusterSettings {
  std::vector<std::string> endpoints;         // empty: not clustered
  int lease = cluster::kLease.default_value;  // seconds, real (not scaled)
  std::string ca_file, cert_file, key_file;
  bool operator==(const ClusterSettings&) const = default;
};

struct DialPeer {
  std::optional<SipServer> session_target;
  // `session server-group <tag>`: excludes `session target` (the one entered last stands).
  std::optional<long> server_group;
  std::optional<Transport> session_transport;  // unset: udp (or the profile's transport)
  std::optional<int> keepalive_profile;
  std::optional<InlineOptionsKeepalive> inline_keepalive;
  std::string description;
  bool shutdown = false;
  std::optional<DispatcherBinding> kamailio_dispatcher;
  bool operator==(const DialPeer&) const = default;
};

// Voice-port key ordered as IOS orders them: numerically by slot, subunit, port.
struct VoicePortId {
  std::vector<int> parts;
  std::string text() const;
  static std::optional<VoicePortId> parse(std::string_view s);
  auto operator<=>(const VoicePortId&) const = default;
};

// `logging buffered <4096-16777216>` (IOS's range, capped at 16 MiB); 0 is `no logging buffered`.
inline constexpr long kLoggingBufferedMin = 4096;
inline constexpr long kLoggingBufferedMax = 16 * 1024 * 1024;
inline constexpr long kLoggingBufferedDefault = 8192;

struct Config {
  std::string hostname = "gatewatch";
  long logging_buffered = kLoggingBufferedDefault;  // bytes of `show logging`
  std::vector<std::string> name_servers;            // `ip name-server A [B ...]`, in order
  std::map<VoicePortId, VoicePort> voice_ports;
  std::string sccp_local;            // interface
  std::map<int, SccpCcm> sccp_ccms;  // by identifier
  bool sccp_enabled = false;
  std::map<int, CcmGroup> ccm_groups;
  std::map<int, DspfarmProfile> dspfarm_profiles;
  std::map<int, OptionsKeepaliveProfile> keepalive_profiles;  // voice class sip-options-keepalive
  std::map<long, DialPeer> dial_peers;                        // dial-peer voice <tag> voip
  std::map<long, ServerGroup> server_groups;                  // voice class server-group
  SipUa sip_ua;
  bool sip_ua_present = false;  // `sip-ua` was entered (IOS shows the block once configured)
  KamailioSettings kamailio;
  ClusterSettings cluster;
  bool operator==(const Config&) const = default;
};

using gw::to_string;  // SwitchoverMethod, SwitchbackMethod (sccp/switch_methods.hpp)
std::string_view to_string(DspfarmKind k);
// SCCP device type a profile registers as (reference/sccp.md): 50, 110, 111.
int device_type(DspfarmKind k);

}  // namespace gw::config
