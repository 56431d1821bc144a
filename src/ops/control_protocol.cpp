#include "ops/control_protocol.hpp"

#include <nlohmann/json.hpp>

namespace gw::daemon {

ControlItem parse_request(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  const auto space = line.find(' ');
  const std::string_view verb = line.substr(0, space);
  std::string rest(space == std::string_view::npos ? std::string_view{} : line.substr(space + 1));
  for (char& c : rest) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) c = '?';
  }
  ControlRequest r;
  if (verb == "prompt") {
    r.verb = ControlRequest::Verb::prompt;
  } else if (verb == "execute") {
    r.verb = ControlRequest::Verb::execute;
  } else if (verb == "help") {
    r.verb = ControlRequest::Verb::help;
  } else if (verb == "complete") {
    r.verb = ControlRequest::Verb::complete;
  } else {
    return ControlRequestError{"% Unknown request (expected prompt, execute, help or complete)"};
  }
  r.line = std::move(rest);
  return r;
}

std::vector<ControlItem> RequestFramer::feed(std::string_view bytes) {
  std::vector<ControlItem> out;
  while (!bytes.empty()) {
    const auto nl = bytes.find('\n');
    const std::string_view chunk = bytes.substr(0, nl);
    if (discarding_) {
      if (nl == std::string_view::npos) return out;
      discarding_ = false;
    } else if (buffer_.size() + chunk.size() > kMaxRequestLine) {
      buffer_.clear();
      out.push_back(ControlRequestError{"% Request line too long (over 65536 bytes); ignored."});
      discarding_ = nl == std::string_view::npos;
      if (discarding_) return out;
    } else {
      buffer_.append(chunk);
      if (nl == std::string_view::npos) return out;
      out.push_back(parse_request(buffer_));
      buffer_.clear();
    }
    bytes.remove_prefix(nl + 1);
  }
  return out;
}

std::string encode_request(const ControlRequest& r) {
  std::string out;
  switch (r.verb) {
    case ControlRequest::Verb::prompt:
      return "prompt\n";
    case ControlRequest::Verb::execute:
      out = "execute ";
      break;
    case ControlRequest::Verb::help:
      out = "help ";
      break;
    case ControlRequest::Verb::complete:
      out = "complete ";
      break;
  }
  for (char c : r.line) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out + "\n";
}

std::string encode_response(const ControlResponse& r) {
  nlohmann::json j;
  j["ok"] = r.ok;
  if (!r.ok) j["error"] = r.error;
  j["prompt"] = r.prompt;
  j["output"] = r.output;
  j["quit"] = r.quit;
  j["completions"] = r.completions;
  j["length"] = r.length;
  j["width"] = r.width;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string encode_monitor(std::string_view text) {
  nlohmann::json j;
  j["monitor"] = text;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<std::string> decode_monitor(std::string_view line) {
  if (line.find("\"monitor\"") == std::string_view::npos) return std::nullopt;
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.contains("ok")) return std::nullopt;
  auto m = j.find("monitor");
  if (m == j.end() || !m->is_string()) return std::nullopt;
  return m->get<std::string>();
}

std::optional<ControlResponse> decode_response(std::string_view line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  ControlResponse r;
  const auto str = [&j](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto ok = j.find("ok");
  if (ok == j.end() || !ok->is_boolean()) return std::nullopt;
  r.ok = ok->get<bool>();
  r.error = str("error");
  r.prompt = str("prompt");
  r.output = str("output");
  auto q = j.find("quit");
  r.quit = q != j.end() && q->is_boolean() && q->get<bool>();
  const auto number = [&j](const char* key, unsigned fallback) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_unsigned() && it->get<std::uint64_t>() <= 512
               ? static_cast<unsigned>(it->get<std::uint64_t>())
               : fallback;
  };
  r.length = number("length", 24);
  r.width = number("width", 80);
  auto c = j.find("completions");
  if (c != j.end() && c->is_array()) {
    for (const auto& e : *c) {
      if (e.is_string()) r.completions.push_back(e.get<std::string>());
    }
  }
  return r;
}

}  // namespace gw::daemon
