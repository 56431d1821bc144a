// The etcd v3 JSON gateway (etcd 3.4: /v3/kv/range, /v3/kv/txn, /v3/lease/grant,
// /v3/lease/keepalive, /v3/lease/revoke): request bodies and bounded answer parsers.
// Contract: keys and values travel base64-encoded, int64 as decimal strings (both accepted as
// numbers too when parsing). Every parser takes any bytes and returns a value or an Error
// (code "etcd" for an error answer, "parse" for anything malformed, truncated or out of range);
// none throws, none keeps more than the answer it was given. Pure: no I/O, no clock.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace gw::cluster {

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);
// The smallest key greater than every key starting with `prefix` (etcd's range_end).
std::string prefix_end(std::string_view prefix);

struct KeyValue {
  std::string key;
  std::string value;
  std::int64_t create_revision = 0;
  std::int64_t mod_revision = 0;
  std::int64_t lease = 0;
};

// Request bodies.
std::string lease_grant_body(std::int64_t ttl_seconds);
std::string lease_id_body(std::int64_t lease_id);  // keepalive and revoke
std::string range_prefix_body(std::string_view prefix);
// Creates `key` bound to `lease` only if it does not exist (create_revision == 0).
std::string create_key_txn_body(std::string_view key, std::string_view value, std::int64_t lease);
// Unconditional puts (no lease), at most kMaxOpsPerTxn of them: the caller splits.
std::string puts_txn_body(const std::vector<std::pair<std::string, std::string>>& puts);
std::string watch_create_body(std::string_view prefix, std::int64_t start_revision);

// Answers.
struct Granted {
  std::int64_t id = 0;
  std::int64_t ttl = 0;
};
struct RangeAnswer {
  std::int64_t revision = 0;  // the store's revision the range was read at
  std::vector<KeyValue> kvs;
};
struct TxnAnswer {
  std::int64_t revision = 0;
  bool succeeded = false;
};
Result<Granted> parse_grant(std::string_view body);
// The remaining TTL of the lease; 0 when etcd no longer knows it (expired).
Result<std::int64_t> parse_keepalive(std::string_view body);
Result<RangeAnswer> parse_range(std::string_view body);
Result<TxnAnswer> parse_txn(std::string_view body);

}  // namespace gw::cluster
