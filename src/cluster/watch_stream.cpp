// The watch stream reader: see watch_stream.hpp.
#include "cluster/watch_stream.hpp"

#include "cluster/json_fields.hpp"
#include "cluster/settings.hpp"

namespace gw::cluster {

using nlohmann::json;

Result<WatchMessage> parse_watch_message(std::string_view object) {
  auto j = parse_object(object);
  if (!j) return Unexpected<Error>{j.error()};
  const json& r = unwrap_result(*j);
  WatchMessage m;
  m.revision = header_revision(r);
  if (auto it = r.find("created"); it != r.end() && it->is_boolean()) m.created = it->get<bool>();
  if (auto it = r.find("canceled"); it != r.end() && it->is_boolean()) m.canceled = it->get<bool>();
  m.compact_revision = int_field(r, "compact_revision").value_or(0);
  if (auto it = r.find("events"); it != r.end()) {
    if (!it->is_array()) return fail("parse", "watch events is not an array");
    m.events.reserve(it->size());
    for (const auto& e : *it) {
      if (!e.is_object()) return fail("parse", "watch event is not an object");
      WatchEvent ev;
      if (auto t = e.find("type"); t != e.end()) {
        if (t->is_string())
          ev.deleted = t->get_ref<const std::string&>() == "DELETE";
        else if (t->is_number_integer())
          ev.deleted = t->get<std::int64_t>() == 1;
        else
          return fail("parse", "watch event type");
      }
      auto kv = e.find("kv");
      if (kv == e.end()) return fail("parse", "watch event without kv");
      auto parsed = key_value(*kv);
      if (!parsed) return Unexpected<Error>{parsed.error()};
      ev.kv = std::move(*parsed);
      m.events.push_back(std::move(ev));
    }
  }
  return m;
}

Result<std::vector<WatchMessage>> WatchStream::feed(std::string_view bytes) {
  std::vector<WatchMessage> out;
  if (dead_) return fail("parse", "watch stream already failed");
  for (char c : bytes) {
    if (depth_ == 0) {
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
      if (c != '{') {
        dead_ = true;
        return fail("parse", "watch stream: not a JSON object");
      }
    }
    if (buf_.size() >= kMaxWatchMessageBytes) {
      dead_ = true;
      buf_.clear();
      return fail("parse", "watch stream: message too long");
    }
    buf_ += c;
    if (in_string_) {
      if (escape_)
        escape_ = false;
      else if (c == '\\')
        escape_ = true;
      else if (c == '"')
        in_string_ = false;
      continue;
    }
    if (c == '"') {
      in_string_ = true;
    } else if (c == '{' || c == '[') {
      ++depth_;
    } else if (c == '}' || c == ']') {
      if (--depth_ == 0) {
        auto m = parse_watch_message(buf_);
        buf_.clear();
        if (!m) {
          dead_ = true;
          return Unexpected<Error>{m.error()};
        }
        out.push_back(std::move(*m));
      } else if (depth_ < 0) {
        dead_ = true;
        return fail("parse", "watch stream: unbalanced");
      }
    }
  }
  return out;
}

}  // namespace gw::cluster
