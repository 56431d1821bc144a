#include "demo/demo_sip_responder.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace gw::daemon {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Full name of a header we copy ("via", "from", ...), or "" for the others.
std::string copied_header(std::string_view name) {
  const std::string n = lower(name);
  if (n == "via" || n == "v") return "Via";
  if (n == "from" || n == "f") return "From";
  if (n == "to" || n == "t") return "To";
  if (n == "call-id" || n == "i") return "Call-ID";
  if (n == "cseq") return "CSeq";
  return "";
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}
}  // namespace

std::optional<std::string> answer_options(std::string_view request) {
  if (request.substr(0, 8) != "OPTIONS ") return std::nullopt;
  const auto head_end = request.find("\r\n\r\n");
  std::string_view head = request.substr(0, head_end);
  std::vector<std::string> copied;
  bool have_to = false, have_from = false, have_callid = false, have_cseq = false, have_via = false;
  std::size_t pos = head.find("\r\n");
  while (pos != std::string_view::npos && pos + 2 <= head.size()) {
    const auto next = head.find("\r\n", pos + 2);
    const std::string_view line =
        head.substr(pos + 2, next == std::string_view::npos ? head.npos : next - pos - 2);
    pos = next;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string name = copied_header(trim(line.substr(0, colon)));
    if (name.empty()) continue;
    std::string value(trim(line.substr(colon + 1)));
    if (name == "To") {
      if (value.find(";tag=") == std::string::npos) value += ";tag=gwdemo";
      have_to = true;
    }
    have_from |= name == "From";
    have_callid |= name == "Call-ID";
    have_cseq |= name == "CSeq";
    have_via |= name == "Via";
    copied.push_back(name + ": " + value);
  }
  if (!(have_to && have_from && have_callid && have_cseq && have_via)) return std::nullopt;
  std::string out = "SIP/2.0 200 OK\r\n";
  for (const auto& h : copied) out += h + "\r\n";
  out +=
      "Server: gatewatch-demo\r\nAllow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\nContent-Length: "
      "0\r\n\r\n";
  return out;
}

DemoSipResponder::DemoSipResponder(asio::io_context& io, asio::ip::udp::endpoint endpoint)
    : socket_(io), endpoint_(endpoint) {}

Status<> DemoSipResponder::start() {
  if (socket_.is_open()) return Ok{};
  std::error_code ec;
  socket_.open(endpoint_.protocol(), ec);
  if (!ec) socket_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) socket_.bind(endpoint_, ec);
  if (ec) {
    std::error_code ignored;
    socket_.close(ignored);
    return fail("bind", "demo SIP responder " + endpoint_.address().to_string() + ":" +
                            std::to_string(endpoint_.port()) + ": " + ec.message());
  }
  sending_ = false;
  receive();
  return Ok{};
}

void DemoSipResponder::stop() {
  std::error_code ignored;
  socket_.close(ignored);
}

void DemoSipResponder::receive() {
  socket_.async_receive_from(
      asio::buffer(buffer_), peer_, [this](const std::error_code& ec, std::size_t n) {
        if (ec == asio::error::operation_aborted || !socket_.is_open()) return;
        if (!ec) {
          auto reply = answer_options(std::string_view(buffer_.data(), n));
          if (reply && sending_) {
            ++dropped_;
          } else if (reply) {
            reply_ = std::move(*reply);
            sending_ = true;
            socket_.async_send_to(asio::buffer(reply_), peer_,
                                  [this](const std::error_code& sec, std::size_t) {
                                    sending_ = false;
                                    if (!sec) ++answered_;
                                  });
          }
        }
        receive();
      });
}

}  // namespace gw::daemon
