// Field readers of the etcd answers: see json_fields.hpp.
#include "cluster/json_fields.hpp"

#include <charconv>

#include "cluster/settings.hpp"

namespace gw::cluster {

using nlohmann::json;

Result<json> parse_object(std::string_view body) {
  if (body.size() > kMaxAnswerBytes) return fail("parse", "answer too long");
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return fail("parse", "answer is not a JSON object");
  if (auto e = j.find("error"); e != j.end()) {
    std::string msg = "etcd error";
    if (auto m = j.find("message"); m != j.end() && m->is_string())
      msg = m->get<std::string>();
    else if (e->is_string())
      msg = e->get<std::string>();
    else if (e->is_object()) {
      if (auto m2 = e->find("message"); m2 != e->end() && m2->is_string())
        msg = m2->get<std::string>();
    }
    return fail("etcd", msg);
  }
  return j;
}

const json& unwrap_result(const json& j) {
  if (auto it = j.find("result"); it != j.end() && it->is_object()) return *it;
  return j;
}

std::optional<std::int64_t> int_field(const json& obj, const char* name) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(name);
  if (it == obj.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (!it->is_string()) return std::nullopt;
  const auto& s = it->get_ref<const std::string&>();
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::int64_t header_revision(const json& obj) {
  auto h = obj.find("header");
  if (h == obj.end()) return 0;
  return int_field(*h, "revision").value_or(0);
}

Result<KeyValue> key_value(const json& e) {
  if (!e.is_object()) return fail("parse", "kv is not an object");
  KeyValue kv;
  for (auto [field, out] : {std::pair{"key", &kv.key}, std::pair{"value", &kv.value}}) {
    auto it = e.find(field);
    if (it == e.end()) continue;  // an empty value is omitted
    if (!it->is_string()) return fail("parse", "kv field is not a string");
    auto d = base64_decode(it->get_ref<const std::string&>());
    if (!d) return fail("parse", "kv field is not base64");
    *out = std::move(*d);
  }
  if (kv.key.empty()) return fail("parse", "kv without key");
  kv.create_revision = int_field(e, "create_revision").value_or(0);
  kv.mod_revision = int_field(e, "mod_revision").value_or(0);
  kv.lease = int_field(e, "lease").value_or(0);
  return kv;
}

}  // namespace gw::cluster
