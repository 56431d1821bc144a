#include "kamailio/rpc_codec.hpp"

#include <nlohmann/json.hpp>

namespace gw::kamailio {

namespace {

using nlohmann::json;

std::string request(std::uint64_t id, std::string_view method, json params) {
  json r{{"jsonrpc", "2.0"}, {"method", method}, {"id", id}};
  if (!params.is_null()) r["params"] = std::move(params);
  return r.dump();
}

// The JSON-RPC envelope of the answer to `id`: its "result" (null when absent), or an Error.
Result<json> result_of(std::string_view body, std::uint64_t id) {
  if (body.size() > kMaxAnswerBytes) return fail("answer", "answer too large");
  json doc = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return fail("answer", "answer is not JSON");
  if (!doc.is_object()) return fail("answer", "answer is not a JSON-RPC object");
  const auto idv = doc.find("id");
  if (idv == doc.end() || !idv->is_number_unsigned() || idv->get<std::uint64_t>() != id)
    return fail("answer", "answer to another request");
  if (const auto err = doc.find("error"); err != doc.end()) {
    std::string message = "error";
    if (err->is_object()) {
      const auto m = err->find("message");
      if (m != err->end() && m->is_string()) message = m->get<std::string>();
      const auto c = err->find("code");
      if (c != err->end() && c->is_number_integer())
        message = std::to_string(c->get<std::int64_t>()) + " " + message;
    }
    return fail("rpc", message);
  }
  const auto res = doc.find("result");
  return res == doc.end() ? json() : *res;
}

const json* member(const json& o, const char* key) {
  if (!o.is_object()) return nullptr;
  const auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

}  // namespace

std::string set_state_request(std::uint64_t id, DsState state, const Destination& dest) {
  return request(id, "dispatcher.set_state",
                 json::array({std::string(1, static_cast<char>(state)), dest.set, dest.uri}));
}

std::string list_request(std::uint64_t id) {
  return request(id, "dispatcher.list", json());
}

Status<> parse_set_state_answer(std::string_view body, std::uint64_t id) {
  auto r = result_of(body, id);
  if (!r) return Unexpected<Error>{r.error()};
  return Ok{};
}

// {"NRSETS":n,"RECORDS":[{"SET":{"ID":1,"TARGETS":[{"DEST":{"URI":..,"FLAGS":"AP",..}}]}}]}
Result<std::vector<ListedDestination>> parse_list_answer(std::string_view body, std::uint64_t id) {
  auto r = result_of(body, id);
  if (!r) return Unexpected<Error>{r.error()};
  std::vector<ListedDestination> out;
  const json& result = r.value();
  const json* records = member(result, "RECORDS");
  if (!records) {
    // No set at all: Kamailio answers without RECORDS.
    if (result.is_object() || result.is_null()) return out;
    return fail("answer", "dispatcher.list: no RECORDS");
  }
  if (!records->is_array()) return fail("answer", "dispatcher.list: RECORDS is not a list");
  for (const json& rec : *records) {
    const json* set = member(rec, "SET");
    const json* set_id = set ? member(*set, "ID") : nullptr;
    if (!set_id || !set_id->is_number_integer())
      return fail("answer", "dispatcher.list: a set without ID");
    const json* targets = member(*set, "TARGETS");
    if (!targets) continue;  // an empty set
    if (!targets->is_array()) return fail("answer", "dispatcher.list: TARGETS is not a list");
    for (const json& t : *targets) {
      const json* dest = member(t, "DEST");
      const json* uri = dest ? member(*dest, "URI") : nullptr;
      const json* flags = dest ? member(*dest, "FLAGS") : nullptr;
      if (!uri || !uri->is_string() || !flags || !flags->is_string())
        return fail("answer", "dispatcher.list: a destination without URI or FLAGS");
      ListedDestination d;
      d.dest.set = set_id->get<std::int64_t>();
      d.dest.uri = uri->get<std::string>();
      d.flags = flags->get<std::string>();
      d.active = !d.flags.empty() && d.flags.front() == 'A';
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace gw::kamailio
