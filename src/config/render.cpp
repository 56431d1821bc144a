#include "config/render.hpp"

namespace gw::config {

std::string render_global(const Config& cfg) {
  std::string out;
  if (cfg.hostname != Config{}.hostname) out += "hostname " + cfg.hostname + "\n";
  if (cfg.logging_buffered == 0)
    out += "no logging buffered\n";
  else if (cfg.logging_buffered != kLoggingBufferedDefault)
    out += "logging buffered " + std::to_string(cfg.logging_buffered) + "\n";
  if (!cfg.name_servers.empty()) {
    out += "ip name-server";
    for (const auto& ns : cfg.name_servers) out += " " + ns;
    out += "\n";
  }
  return out;
}

std::string render_voice_ports(const Config& cfg) {
  std::string out;
  for (const auto& [id, p] : cfg.voice_ports) {
    if (!out.empty()) out += "!\n";
    out += "voice-port " + id.text() + "\n";
    if (p.busyout_monitor_keepalive) out += " busyout monitor keepalive\n";
    if (!p.description.empty()) out += " description " + p.description + "\n";
    if (p.shutdown) out += " shutdown\n";
  }
  return out;
}

std::string render_sccp(const Config& cfg) {
  std::string out;
  if (!cfg.sccp_local.empty()) out += "sccp local " + cfg.sccp_local + "\n";
  for (const auto& [id, c] : cfg.sccp_ccms) {
    out += "sccp ccm " + c.address + " identifier " + std::to_string(id);
    if (c.priority) out += " priority " + std::to_string(*c.priority);
    if (c.port) out += " port " + std::to_string(*c.port);
    out += " version " + c.version + "\n";
  }
  if (cfg.sccp_enabled) out += "sccp\n";
  return out;
}

std::string render_ccm_group(int id, const CcmGroup& g) {
  const CcmGroup d;
  std::string out = "sccp ccm group " + std::to_string(id) + "\n";
  auto number = [&](const char* words, int v, int def) {
    if (v != def) out += std::string(" ") + words + " " + std::to_string(v) + "\n";
  };
  if (!g.description.empty()) out += " description " + g.description + "\n";
  if (!g.bind_interface.empty()) out += " bind interface " + g.bind_interface + "\n";
  for (const auto& [prio, ccm] : g.ccm_by_priority)
    out += " associate ccm " + std::to_string(ccm) + " priority " + std::to_string(prio) + "\n";
  for (const auto& p : g.profiles)
    out += " associate profile " + std::to_string(p.profile) + " register " + p.device_name + "\n";
  number("keepalive retries", g.keepalive_retries, d.keepalive_retries);
  number("keepalive timeout", g.keepalive_timeout, d.keepalive_timeout);
  number("connect retries", g.connect_retries, d.connect_retries);
  number("connect interval", g.connect_interval, d.connect_interval);
  number("registration retries", g.registration_retries, d.registration_retries);
  number("registration timeout", g.registration_timeout, d.registration_timeout);
  if (g.switchover != d.switchover)
    out += " switchover method " + std::string(to_string(g.switchover)) + "\n";
  if (g.switchback != d.switchback || g.switchback_guard != d.switchback_guard) {
    out += " switchback method " + std::string(to_string(g.switchback));
    if (g.switchback == SwitchbackMethod::guard && g.switchback_guard != d.switchback_guard)
      out += " " + std::to_string(g.switchback_guard);
    out += "\n";
  }
  number("switchback interval", g.switchback_interval, d.switchback_interval);
  return out;
}

std::string render_dspfarm_profile(int id, const DspfarmProfile& p) {
  std::string out =
      "dspfarm profile " + std::to_string(id) + " " + std::string(to_string(p.kind)) + "\n";
  if (p.maximum_sessions) out += " maximum sessions " + std::to_string(*p.maximum_sessions) + "\n";
  if (p.associate_sccp) out += " associate application SCCP\n";
  if (p.shutdown) out += " shutdown\n";
  return out;
}

std::string render_keepalive_target(const KeepaliveTarget& t, bool secondary) {
  std::string out = " keepalive target " + format_sip_server(t.server);
  if (t.transport == Transport::tcp) out += " tcp";
  if (t.transport == Transport::tls) out += " tcp tls";
  if (secondary) out += " secondary";
  return out + "\n";
}

std::string render_sip_ua(const SipUa& s) {
  const SipUa d;
  std::string out = "sip-ua\n";
  if (s.primary) out += render_keepalive_target(*s.primary, false);
  if (s.secondary) out += render_keepalive_target(*s.secondary, true);
  if (s.keepalive_trigger != d.keepalive_trigger)
    out += " keepalive trigger " + std::to_string(s.keepalive_trigger) + "\n";
  if (!s.tls_ca_file.empty()) out += " keepalive tls ca-file " + s.tls_ca_file + "\n";
  if (s.retry_keepalive != d.retry_keepalive)
    out += " retry keepalive " + std::to_string(s.retry_keepalive) + "\n";
  if (s.timers_active != d.timers_active || s.timers_down != d.timers_down)
    out += " timers keepalive active " + std::to_string(s.timers_active) + " down " +
           std::to_string(s.timers_down) + "\n";
  return out;
}

namespace {
std::string transport_words(Transport t) {
  return t == Transport::udp ? "udp" : t == Transport::tcp ? "tcp" : "tcp tls";
}
}  // namespace

std::string render_keepalive_profile(int tag, const OptionsKeepaliveProfile& p) {
  const OptionsKeepaliveProfile d;
  std::string out = "voice class sip-options-keepalive " + std::to_string(tag) + "\n";
  if (!p.description.empty()) out += " description " + p.description + "\n";
  if (p.up_interval != d.up_interval) out += " up-interval " + std::to_string(p.up_interval) + "\n";
  if (p.down_interval != d.down_interval)
    out += " down-interval " + std::to_string(p.down_interval) + "\n";
  if (p.retry != d.retry) out += " retry " + std::to_string(p.retry) + "\n";
  if (p.transport != d.transport) out += " transport " + transport_words(p.transport) + "\n";
  if (!p.sip_profiles.empty()) out += " sip-profiles " + p.sip_profiles + "\n";
  if (p.shutdown) out += " shutdown\n";
  return out;
}

std::string render_server_group(long tag, const ServerGroup& g) {
  std::string out = "voice class server-group " + std::to_string(tag) + "\n";
  if (!g.description.empty()) out += " description " + g.description + "\n";
  for (const auto& m : g.members) {
    out += std::string(m.ipv6 ? " ipv6 " : " ipv4 ") + m.address;
    if (m.effective_port() != ServerGroupMember{}.effective_port())
      out += " port " + std::to_string(*m.port);
    if (m.preference != 0) out += " preference " + std::to_string(m.preference);
    out += "\n";
  }
  if (g.hunt_round_robin) out += " hunt-scheme round-robin\n";
  if (g.shutdown) out += " shutdown\n";
  return out;
}

std::string render_dial_peer(long tag, const DialPeer& d) {
  std::string out = "dial-peer voice " + std::to_string(tag) + " voip\n";
  if (!d.description.empty()) out += " description " + d.description + "\n";
  if (d.session_target) out += " session target " + format_sip_server(*d.session_target) + "\n";
  if (d.server_group) out += " session server-group " + std::to_string(*d.server_group) + "\n";
  if (d.session_transport)
    out += " session transport " + transport_words(*d.session_transport) + "\n";
  if (d.keepalive_profile)
    out +=
        " voice-class sip options-keepalive profile " + std::to_string(*d.keepalive_profile) + "\n";
  if (d.inline_keepalive) {
    out += " voice-class sip options-keepalive";
    if (d.inline_keepalive->up_interval)
      out += " up-interval " + std::to_string(*d.inline_keepalive->up_interval);
    if (d.inline_keepalive->down_interval)
      out += " down-interval " + std::to_string(*d.inline_keepalive->down_interval);
    if (d.inline_keepalive->retry) out += " retry " + std::to_string(*d.inline_keepalive->retry);
    out += "\n";
  }
  if (d.kamailio_dispatcher) {
    out += " kamailio dispatcher set " + std::to_string(d.kamailio_dispatcher->set);
    if (!d.kamailio_dispatcher->uri.empty()) out += " uri " + d.kamailio_dispatcher->uri;
    out += "\n";
  }
  if (d.shutdown) out += " shutdown\n";
  return out;
}

std::string render_kamailio(const KamailioSettings& k) {
  std::string out;
  if (!k.rpc_url.empty()) out += "kamailio rpc " + k.rpc_url + "\n";
  if (k.resync != KamailioSettings{}.resync)
    out += "kamailio resync " + std::to_string(k.resync) + "\n";
  return out;
}

std::string render_cluster(const ClusterSettings& c) {
  std::string out;
  if (!c.endpoints.empty()) {
    out += "cluster etcd";
    for (const auto& e : c.endpoints) out += " " + e;
    out += "\n";
  }
  if (!c.ca_file.empty()) {
    out += "cluster etcd tls ca-file " + c.ca_file;
    if (!c.cert_file.empty()) out += " cert " + c.cert_file + " key " + c.key_file;
    out += "\n";
  }
  if (c.lease != ClusterSettings{}.lease) out += "cluster lease " + std::to_string(c.lease) + "\n";
  return out;
}

std::string render_running_config(const Config& cfg) {
  std::string out = "!\n";
  auto block = [&out](const std::string& text) {
    if (!text.empty()) out += text + "!\n";
  };
  block(render_global(cfg));
  for (const auto& [tag, p] : cfg.keepalive_profiles) block(render_keepalive_profile(tag, p));
  for (const auto& [tag, g] : cfg.server_groups) block(render_server_group(tag, g));
  block(render_voice_ports(cfg));
  block(render_sccp(cfg));
  for (const auto& [id, g] : cfg.ccm_groups) block(render_ccm_group(id, g));
  for (const auto& [id, p] : cfg.dspfarm_profiles) block(render_dspfarm_profile(id, p));
  for (const auto& [tag, d] : cfg.dial_peers) block(render_dial_peer(tag, d));
  if (cfg.sip_ua_present || !(cfg.sip_ua == SipUa{})) block(render_sip_ua(cfg.sip_ua));
  block(render_kamailio(cfg.kamailio));
  block(render_cluster(cfg.cluster));
  out += "end\n";
  return out;
}

}  // namespace gw::config
