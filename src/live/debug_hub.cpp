#include "live/debug_hub.hpp"

#include <algorithm>

#include "report/ios_log.hpp"

namespace gw::daemon {

std::string ccsip_display_msg(std::chrono::system_clock::time_point now, bool sent,
                              std::string_view message) {
  std::string out = ios_timestamp(now);
  out.pop_back();  // "...UTC: " -> "...UTC:"
  out += " //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\n";
  out += sent ? "Sent: \n" : "Received: \n";
  out.reserve(out.size() + message.size() + 2);
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\r' && i + 1 < message.size() && message[i + 1] == '\n') continue;
    out += message[i];
  }
  if (out.back() != '\n') out += '\n';
  out += '\n';
  return out;
}

bool DebugHub::sip_wanted(std::string_view host, std::string_view host_port,
                          std::string_view address) const {
  if (sip_filter_.empty()) return true;
  return sip_filter_ == host || sip_filter_ == host_port || sip_filter_ == address ||
         (address.starts_with(sip_filter_) && address.size() > sip_filter_.size() &&
          address[sip_filter_.size()] == ':');  // an IP without the port
}

void DebugHub::set(DebugFlag f, bool enabled) {
  const auto bit = static_cast<unsigned>(f);
  flags_ = enabled ? (flags_ | bit) : (flags_ & ~bit);
  if (f == DebugFlag::ccsip_messages && !enabled) sip_filter_.clear();
}

void DebugHub::clear_all() {
  flags_ = 0;
  sip_filter_.clear();
}

void DebugHub::subscribe(DebugSubscriber* s) {
  if (!monitoring(s)) monitors_.push_back(s);
}

void DebugHub::unsubscribe(DebugSubscriber* s) {
  monitors_.erase(std::remove(monitors_.begin(), monitors_.end(), s), monitors_.end());
}

bool DebugHub::monitoring(const DebugSubscriber* s) const {
  return std::find(monitors_.begin(), monitors_.end(), s) != monitors_.end();
}

bool DebugHub::admit() {
  for (auto* m : monitors_)
    if (m->debug_ready()) return true;
  for (auto* m : monitors_) m->debug_missed();
  return false;
}

void DebugHub::emit(std::string_view text) {
  ++emitted_;
  // A subscriber may unsubscribe while it is handed the text (its client went away): iterate
  // over a copy.
  const auto monitors = monitors_;
  for (auto* m : monitors)
    if (monitoring(m)) m->debug_text(text);
}

std::string DebugHub::render() const {
  std::string out;
  if (flags_ & static_cast<unsigned>(DebugFlag::ccsip_messages)) {
    out += "CCSIP SPI: SIP Call messages tracing is enabled";
    out += sip_filter_.empty() ? "\n" : " (address " + sip_filter_ + ")\n";
  }
  if (flags_ & (static_cast<unsigned>(DebugFlag::sccp_keepalive) |
                static_cast<unsigned>(DebugFlag::sccp_events))) {
    out += "SCCP:\n";
    if (flags_ & static_cast<unsigned>(DebugFlag::sccp_keepalive))
      out += "  SCCP keepalive debugging is on\n";
    if (flags_ & static_cast<unsigned>(DebugFlag::sccp_events))
      out += "  SCCP events debugging is on\n";
  }
  return out;
}

}  // namespace gw::daemon
