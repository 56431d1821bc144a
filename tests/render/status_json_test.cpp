// The status page's JSON (design.md "Status page"): schema of both answers, from hand-built
// inputs; the names are the events'.
#include "render/status_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace gw::daemon {
namespace {

using Json = nlohmann::json;
const WallClock::time_point kT{std::chrono::seconds(1'800'000'000)};

enum class T { str, num, integer, boolean, array, object, str_or_null, num_or_null, int_or_null };

bool is(const Json& v, T t) {
  switch (t) {
    case T::str:
      return v.is_string();
    case T::num:
      return v.is_number();
    case T::integer:
      return v.is_number_integer();
    case T::boolean:
      return v.is_boolean();
    case T::array:
      return v.is_array();
    case T::object:
      return v.is_object();
    case T::str_or_null:
      return v.is_string() || v.is_null();
    case T::num_or_null:
      return v.is_number() || v.is_null();
    case T::int_or_null:
      return v.is_number_integer() || v.is_null();
  }
  return false;
}

// Every key of `schema` is in `j` with that type.
void expect_schema(const Json& j, const std::vector<std::pair<std::string, T>>& schema,
                   const std::string& where) {
  ASSERT_TRUE(j.is_object()) << where;
  for (const auto& [key, type] : schema) {
    ASSERT_TRUE(j.contains(key)) << where << " lacks " << key << ": " << j.dump();
    EXPECT_TRUE(is(j[key], type)) << where << "." << key << " has the wrong type: " << j[key];
  }
}

StatusInput sample() {
  StatusInput in;
  in.version = "0.1.0";
  in.started = kT;
  in.now = kT + std::chrono::seconds(90);
  SipKeepaliveSnapshot sip;
  SipTargetSnapshot p;
  p.role = "primary";
  p.address = "127.0.0.1:5060";
  p.state = keepalive::TargetState::down;
  p.last_failure = keepalive::FailureReason::timeout;
  p.attempts = 9;
  p.failures = 3;
  sip.targets.push_back(p);
  SipTargetSnapshot s;
  s.role = "secondary";
  s.address = "[::1]:5062";
  s.transport = Transport::tcp;
  s.last_rtt = std::chrono::microseconds(1234);
  sip.targets.push_back(s);
  in.snapshot.sip = sip;
  in.snapshot.voice_ports.push_back({"0/0/1", "", false, true, true, "keepalive"});
  in.snapshot.voice_ports.push_back({"0/0/2", "", false, false, false, ""});
  SccpSnapshot sccp;
  SccpGroupState g;
  g.group = 1;
  g.live.group = 1;
  g.live.active = 2;
  sccp::CcmSnapshot c1{};
  c1.identifier = 1;
  c1.address = "127.0.0.1:2000";
  c1.priority = 1;
  c1.role = sccp::CcmRole::down;
  sccp::CcmSnapshot c2 = c1;
  c2.identifier = 2;
  c2.priority = 2;
  c2.role = sccp::CcmRole::active;
  g.live.ccms = {c1, c2};
  sccp.groups.push_back(g);
  in.snapshot.sccp = sccp;
  DialPeerKeepaliveSnapshot dp;
  dp.probed = 10;
  dp.busyout = 2;
  in.snapshot.dial_peers = dp;
  SipTargetHistory h;
  h.role = "primary";
  h.last_change = kT + std::chrono::seconds(60);
  h.reason = "timeout";
  h.rtt_ms = {0.5, std::nullopt, 0.75};
  in.sip.push_back(h);
  return in;
}

NotActivePage page_of_two() {
  NotActivePage p;
  p.busyout = 2;
  p.matched = 2;
  p.rows.push_back({4, "busyout", "10.0.0.4:5060", "udp", "503", kT});
  p.rows.push_back({9, "busyout", "[2001:db8::9]:5060", "tcp", "timeout", kT});
  return p;
}

TEST(StatusJson, TopLevelSchema) {
  const auto j = Json::parse(render_status_json(sample(), StatusQuery{}, page_of_two()));
  expect_schema(j,
                {{"version", T::str},
                 {"time", T::str},
                 {"started", T::str},
                 {"sip_targets", T::array},
                 {"voice_ports", T::array},
                 {"sccp_groups", T::array},
                 {"dial_peers", T::object}},
                "status");
  EXPECT_FALSE(j.contains("kamailio"));  // only when configured
  EXPECT_FALSE(j.contains("cluster"));
  EXPECT_EQ(j["time"], "2027-01-15T08:01:30.000Z");
}

TEST(StatusJson, SipTargets) {
  const auto j = Json::parse(render_status_json(sample(), StatusQuery{}, {}));
  ASSERT_EQ(j["sip_targets"].size(), 2u);
  for (const auto& t : j["sip_targets"]) {
    expect_schema(t,
                  {{"target", T::str},
                   {"address", T::str},
                   {"transport", T::str},
                   {"state", T::str},
                   {"reason", T::str_or_null},
                   {"rtt_ms", T::num_or_null},
                   {"last_change", T::str_or_null},
                   {"probing", T::boolean},
                   {"attempts", T::integer},
                   {"failures", T::integer},
                   {"rtt_history_ms", T::array}},
                  "sip_targets[]");
  }
  const auto& p = j["sip_targets"][0];
  EXPECT_EQ(p["target"], "primary");
  EXPECT_EQ(p["address"], "127.0.0.1:5060");
  EXPECT_EQ(p["transport"], "udp");
  EXPECT_EQ(p["state"], "down");
  EXPECT_EQ(p["reason"], "timeout");
  EXPECT_TRUE(p["rtt_ms"].is_null());
  EXPECT_EQ(p["last_change"], "2027-01-15T08:01:00.000Z");
  EXPECT_EQ(p["rtt_history_ms"], Json::parse("[0.5, null, 0.75]"));
  const auto& s = j["sip_targets"][1];
  EXPECT_EQ(s["state"], "up");
  EXPECT_TRUE(s["reason"].is_null());
  EXPECT_DOUBLE_EQ(s["rtt_ms"].get<double>(), 1.234);
  EXPECT_EQ(s["transport"], "tcp");
  EXPECT_TRUE(s["last_change"].is_null());  // none since start
}

TEST(StatusJson, VoicePortsAndSccp) {
  const auto j = Json::parse(render_status_json(sample(), StatusQuery{}, {}));
  ASSERT_EQ(j["voice_ports"].size(), 2u);
  for (const auto& p : j["voice_ports"]) {
    expect_schema(p,
                  {{"port", T::str},
                   {"busyout", T::boolean},
                   {"why", T::str_or_null},
                   {"monitor", T::boolean},
                   {"shutdown", T::boolean}},
                  "voice_ports[]");
  }
  EXPECT_EQ(j["voice_ports"][0]["port"], "0/0/1");
  EXPECT_EQ(j["voice_ports"][0]["busyout"], true);
  EXPECT_EQ(j["voice_ports"][1]["busyout"], false);
  ASSERT_EQ(j["sccp_groups"].size(), 1u);
  const auto& g = j["sccp_groups"][0];
  expect_schema(g, {{"group", T::integer}, {"active", T::int_or_null}, {"ccms", T::array}},
                "sccp_groups[]");
  EXPECT_EQ(g["active"], 2);
  for (const auto& c : g["ccms"]) {
    expect_schema(
        c, {{"ccm", T::integer}, {"address", T::str}, {"priority", T::integer}, {"state", T::str}},
        "ccms[]");
  }
  EXPECT_EQ(g["ccms"][0]["state"], "down");
  EXPECT_EQ(g["ccms"][1]["state"], "active");
}

TEST(StatusJson, DialPeersCountsAndNotActive) {
  StatusQuery q;
  q.filter = "10.0";
  q.limit = 1;
  NotActivePage page = page_of_two();
  page.rows.pop_back();
  const auto j = Json::parse(render_status_json(sample(), q, page));
  const auto& d = j["dial_peers"];
  expect_schema(d,
                {{"counts", T::object},
                 {"probed", T::integer},
                 {"not_active", T::array},
                 {"filter", T::str},
                 {"limit", T::integer},
                 {"matched", T::integer},
                 {"truncated", T::boolean}},
                "dial_peers");
  expect_schema(d["counts"],
                {{"active", T::integer}, {"partial", T::integer}, {"busyout", T::integer}},
                "counts");
  EXPECT_EQ(d["counts"]["active"], 8);
  EXPECT_EQ(d["counts"]["partial"], 0);
  EXPECT_EQ(d["counts"]["busyout"], 2);
  EXPECT_EQ(d["truncated"], true);
  ASSERT_EQ(d["not_active"].size(), 1u);
  expect_schema(d["not_active"][0],
                {{"dial_peer", T::integer},
                 {"state", T::str},
                 {"address", T::str},
                 {"transport", T::str_or_null},
                 {"reason", T::str_or_null},
                 {"since", T::str}},
                "not_active[]");
  EXPECT_EQ(d["not_active"][0]["dial_peer"], 4);
  EXPECT_EQ(d["not_active"][0]["state"], "busyout");
}

TEST(StatusJson, PartialCountsComeFromTheBoard) {
  NotActivePage page = page_of_two();
  page.partial = 3;
  page.rows.push_back({11, "partial", "sg:1", "udp", "", kT});
  const auto j = Json::parse(render_status_json(sample(), StatusQuery{}, page));
  EXPECT_EQ(j["dial_peers"]["counts"]["partial"], 3);
  EXPECT_EQ(j["dial_peers"]["counts"]["active"], 5);
  EXPECT_EQ(j["dial_peers"]["not_active"][2]["state"], "partial");
  EXPECT_TRUE(j["dial_peers"]["not_active"][2]["reason"].is_null());
}

TEST(StatusJson, ServerGroupDialPeersAddToTheCounts) {
  StatusInput in = sample();
  ServerGroupKeepaliveSnapshot g;
  g.peers = 6;
  g.partial = 2;
  g.busyout = 1;
  in.snapshot.server_groups = g;
  const auto j = Json::parse(render_status_json(in, StatusQuery{}, page_of_two()));
  // sample(): 10 plain dial-peers probed, 2 busyout; the groups' 6 peers: 2 partial, 1 busyout.
  EXPECT_EQ(j["dial_peers"]["counts"]["busyout"], 3);
  EXPECT_EQ(j["dial_peers"]["counts"]["partial"], 2);
  EXPECT_EQ(j["dial_peers"]["counts"]["active"], 11);
  EXPECT_EQ(j["dial_peers"]["probed"], 16);
}

TEST(StatusJson, TheClusterObjectComesFromTheClusterSummary) {
  ClusterSnapshot c;
  c.node = "sbc-a";
  c.lease_seconds = 5;
  c.endpoints = {{"http://127.0.0.1:2379", true, false, "refused"},
                 {"http://127.0.0.1:2381", true, true, ""}};
  c.members = {{"sbc-a", 40}, {"sbc-b", 60}};
  const StatusCluster v = status_cluster_of(c);
  EXPECT_EQ(v.node, "sbc-a");
  EXPECT_EQ(v.lease_seconds, 5);
  EXPECT_TRUE(v.etcd_reachable);
  ASSERT_EQ(v.members.size(), 2u);
  EXPECT_EQ(v.members[1].node, "sbc-b");
  EXPECT_EQ(v.members[1].owned, 60u);
  c.endpoints[1].healthy = false;
  EXPECT_FALSE(status_cluster_of(c).etcd_reachable);
}

TEST(StatusJson, NoDialPeerKeepaliveStillHasTheShape) {
  StatusInput in;
  const auto j = Json::parse(render_status_json(in, StatusQuery{}, {}));
  EXPECT_EQ(j["dial_peers"]["counts"], Json::parse(R"({"active":0,"partial":0,"busyout":0})"));
  EXPECT_TRUE(j["sip_targets"].empty());
  EXPECT_TRUE(j["sccp_groups"].empty());
}

TEST(StatusJson, KamailioAndClusterWhenConfigured) {
  StatusInput in = sample();
  KamailioSnapshot k;
  k.url = "http://127.0.0.1:5071/RPC";
  k.reachable = false;
  k.last_error = "refused";
  k.destinations = 3;
  k.in_sync = 1;
  k.missing = 1;
  kamailio::DestinationView v;
  v.dest = {1, "sip:10.0.0.4:5060"};
  v.dial_peers = {4};
  v.wanted = kamailio::DsState::inactive;
  k.not_in_sync.push_back(v);
  in.snapshot.kamailio = k;
  StatusCluster c;
  c.node = "a";
  c.lease_seconds = 5;
  c.members = {{"a", true, 60}, {"b", false, 0}};
  in.cluster = c;
  const auto j = Json::parse(render_status_json(in, StatusQuery{}, {}));
  expect_schema(j["kamailio"],
                {{"url", T::str},
                 {"reachable", T::boolean},
                 {"last_error", T::str_or_null},
                 {"resync_seconds", T::integer},
                 {"destinations", T::integer},
                 {"in_sync", T::integer},
                 {"pending", T::integer},
                 {"missing", T::integer},
                 {"requests", T::integer},
                 {"failures", T::integer},
                 {"not_in_sync", T::array}},
                "kamailio");
  EXPECT_EQ(j["kamailio"]["pending"], 1);
  EXPECT_EQ(j["kamailio"]["not_in_sync"][0]["wanted"], "i");
  EXPECT_TRUE(j["kamailio"]["not_in_sync"][0]["known"].is_null());
  expect_schema(j["cluster"],
                {{"node", T::str},
                 {"lease_seconds", T::integer},
                 {"etcd_reachable", T::boolean},
                 {"members", T::array}},
                "cluster");
  EXPECT_EQ(j["cluster"]["members"][1], Json::parse(R"({"node":"b","state":"down","owned":0})"));
}

TEST(StatusJson, BadUtf8IsReplacedNotThrown) {
  StatusInput in = sample();
  in.snapshot.voice_ports[0].port = "0/0/\xff";
  Json j;
  EXPECT_NO_THROW(j = Json::parse(render_status_json(in, StatusQuery{}, {})));
  EXPECT_TRUE(j["voice_ports"][0]["port"].is_string());
}

TEST(StatusQuery, DefaultsAndClamps) {
  EXPECT_EQ(parse_status_query("", "").limit, StatusQuery::kDefaultLimit);
  EXPECT_EQ(parse_status_query("", "25").limit, 25u);
  EXPECT_EQ(parse_status_query("", "0").limit, 0u);
  EXPECT_EQ(parse_status_query("", "99999999").limit, StatusQuery::kMaxLimit);
  EXPECT_EQ(parse_status_query("", "999999999999999999999999").limit, StatusQuery::kMaxLimit);
  EXPECT_EQ(parse_status_query("", "-3").limit, StatusQuery::kDefaultLimit);
  EXPECT_EQ(parse_status_query("", "12abc").limit, StatusQuery::kDefaultLimit);
  EXPECT_EQ(parse_status_query(std::string(500, 'x'), "").filter.size(), StatusQuery::kMaxFilter);
  EXPECT_EQ(parse_since(""), 0u);
  EXPECT_EQ(parse_since("42"), 42u);
  EXPECT_EQ(parse_since("x"), 0u);
}

TEST(EventsJson, Schema) {
  EventRing r;
  // Fields as a list (gcc 12 reports a false maybe-uninitialized on with() inlined here).
  const Event busy{names::kVoicePortBusyout, {{"port", Event::Value(std::string("0/0/1"))}}};
  const Event up{names::kSipTargetUp, {{"target", Event::Value(std::string("primary"))}}};
  r.push(busy, kT);
  r.push(up, kT);
  const auto j = Json::parse(render_events_json(r.read(0, 10)));
  expect_schema(j, {{"next", T::integer}, {"dropped", T::integer}, {"events", T::array}}, "events");
  EXPECT_EQ(j["next"], 2);
  ASSERT_EQ(j["events"].size(), 2u);
  for (const auto& e : j["events"])
    expect_schema(e, {{"ts", T::str}, {"event", T::str}, {"seq", T::integer}}, "events[]");
  EXPECT_EQ(j["events"][0]["port"], "0/0/1");
  EXPECT_EQ(j["events"][1]["seq"], 2);
  const auto empty = Json::parse(render_events_json(r.read(2, 10)));
  EXPECT_TRUE(empty["events"].empty());
  EXPECT_EQ(empty["next"], 2);
}

}  // namespace
}  // namespace gw::daemon
