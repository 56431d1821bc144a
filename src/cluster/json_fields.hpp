// Field readers shared by the etcd answer parsers (etcd_codec.cpp, watch_stream.cpp): int64 as
// a string or a number, base64 keys, the {"error": ...} answer. Never throw. Pure.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "base/result.hpp"
#include "cluster/etcd_codec.hpp"

namespace gw::cluster {

// The object `body` holds; Error "etcd" when it is an etcd error answer, "parse" otherwise.
Result<nlohmann::json> parse_object(std::string_view body);
// {"result": X} → X (streamed answers); anything else → itself.
const nlohmann::json& unwrap_result(const nlohmann::json& j);
std::optional<std::int64_t> int_field(const nlohmann::json& obj, const char* name);
std::int64_t header_revision(const nlohmann::json& obj);  // 0 when absent
Result<KeyValue> key_value(const nlohmann::json& kv);

}  // namespace gw::cluster
