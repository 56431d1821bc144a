// The etcd JSON gateway codec: see etcd_codec.hpp.
#include "cluster/etcd_codec.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "cluster/json_fields.hpp"
#include "cluster/settings.hpp"

namespace gw::cluster {

using nlohmann::json;

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

std::string i64(std::int64_t v) {
  return std::to_string(v);
}
}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = b64_value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if (bits >= 6) return std::nullopt;  // a lone trailing character
  return out;
}

std::string prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    if (static_cast<unsigned char>(end.back()) < 0xff) {
      end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
      return end;
    }
    end.pop_back();
  }
  return std::string(1, '\0');  // every key
}

std::string lease_grant_body(std::int64_t ttl_seconds) {
  return json{{"TTL", i64(ttl_seconds)}}.dump();
}

std::string lease_id_body(std::int64_t lease_id) {
  return json{{"ID", i64(lease_id)}}.dump();
}

std::string range_prefix_body(std::string_view prefix) {
  return json{{"key", base64_encode(prefix)}, {"range_end", base64_encode(prefix_end(prefix))}}
      .dump();
}

std::string create_key_txn_body(std::string_view key, std::string_view value, std::int64_t lease) {
  json cmp = {{"key", base64_encode(key)},
              {"target", "CREATE"},
              {"result", "EQUAL"},
              {"create_revision", "0"}};
  json put = {
      {"request_put",
       {{"key", base64_encode(key)}, {"value", base64_encode(value)}, {"lease", i64(lease)}}}};
  return json{{"compare", json::array({cmp})}, {"success", json::array({put})}}.dump();
}

std::string puts_txn_body(const std::vector<std::pair<std::string, std::string>>& puts) {
  json ops = json::array();
  for (const auto& [k, v] : puts)
    ops.push_back({{"request_put", {{"key", base64_encode(k)}, {"value", base64_encode(v)}}}});
  return json{{"success", std::move(ops)}}.dump();
}

std::string watch_create_body(std::string_view prefix, std::int64_t start_revision) {
  json req = {{"key", base64_encode(prefix)}, {"range_end", base64_encode(prefix_end(prefix))}};
  if (start_revision > 0) req["start_revision"] = i64(start_revision);
  return json{{"create_request", std::move(req)}}.dump();
}

Result<Granted> parse_grant(std::string_view body) {
  auto j = parse_object(body);
  if (!j) return Unexpected<Error>{j.error()};
  const json& r = unwrap_result(*j);
  Granted g;
  auto id = int_field(r, "ID");
  auto ttl = int_field(r, "TTL");
  if (!id || *id == 0 || !ttl) return fail("parse", "lease grant answer without ID or TTL");
  g.id = *id;
  g.ttl = *ttl;
  return g;
}

Result<std::int64_t> parse_keepalive(std::string_view body) {
  auto j = parse_object(body);
  if (!j) return Unexpected<Error>{j.error()};
  const json& r = unwrap_result(*j);
  if (!r.is_object()) return fail("parse", "keepalive answer is not an object");
  return int_field(r, "TTL").value_or(0);  // TTL omitted (0): the lease is gone
}

Result<RangeAnswer> parse_range(std::string_view body) {
  auto j = parse_object(body);
  if (!j) return Unexpected<Error>{j.error()};
  RangeAnswer a;
  a.revision = header_revision(*j);
  if (auto it = j->find("kvs"); it != j->end()) {
    if (!it->is_array()) return fail("parse", "range answer: kvs is not an array");
    a.kvs.reserve(it->size());
    for (const auto& e : *it) {
      auto kv = key_value(e);
      if (!kv) return Unexpected<Error>{kv.error()};
      a.kvs.push_back(std::move(*kv));
    }
  }
  return a;
}

Result<TxnAnswer> parse_txn(std::string_view body) {
  auto j = parse_object(body);
  if (!j) return Unexpected<Error>{j.error()};
  TxnAnswer a;
  a.revision = header_revision(*j);
  if (auto it = j->find("succeeded"); it != j->end()) {
    if (!it->is_boolean()) return fail("parse", "txn answer: succeeded is not a boolean");
    a.succeeded = it->get<bool>();
  }
  return a;
}

}  // namespace gw::cluster
