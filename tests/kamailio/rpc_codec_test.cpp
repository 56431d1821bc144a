// Kamailio JSON-RPC: the exact request bodies and every kind of answer, good and bad.
#include "kamailio/rpc_codec.hpp"

#include <gtest/gtest.h>

#include <string>

namespace gw::kamailio {
namespace {

TEST(RpcCodec, SetStateIsOneJsonRpcRequestWithStateSetUri) {
  EXPECT_EQ(set_state_request(7, DsState::inactive, {1, "sip:127.0.0.1:5080"}),
            R"({"id":7,"jsonrpc":"2.0","method":"dispatcher.set_state",)"
            R"("params":["i",1,"sip:127.0.0.1:5080"]})");
  EXPECT_NE(set_state_request(8, DsState::active, {2, "sip:[::1]:5061;transport=tls"})
                .find(R"("params":["a",2,"sip:[::1]:5061;transport=tls"])"),
            std::string::npos);
}

TEST(RpcCodec, ListHasNoParams) {
  EXPECT_EQ(list_request(3), R"({"id":3,"jsonrpc":"2.0","method":"dispatcher.list"})");
}

TEST(RpcCodec, SetStateAnswers) {
  EXPECT_TRUE(parse_set_state_answer(R"({"jsonrpc":"2.0","id":4})", 4));
  EXPECT_TRUE(parse_set_state_answer(R"({"jsonrpc":"2.0","result":null,"id":4})", 4));
  auto err = parse_set_state_answer(
      R"({"jsonrpc":"2.0","error":{"code":500,"message":"Destination not found"},"id":4})", 4);
  ASSERT_FALSE(err);
  EXPECT_EQ(err.error().code, "rpc");
  EXPECT_EQ(err.error().message, "500 Destination not found");
  for (const char* bad :
       {"", "{}", "[]", "not json", R"({"jsonrpc":"2.0","id":5})", R"({"jsonrpc":"2.0","id":"4"})",
        R"([{"jsonrpc":"2.0","id":4}])", R"({"jsonrpc":"2.0","id":4)"}) {
    auto r = parse_set_state_answer(bad, 4);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().code, "answer") << bad;
  }
}

TEST(RpcCodec, ListAnswerGivesEveryDestinationWithItsState) {
  const std::string body = R"({"jsonrpc":"2.0","result":{"NRSETS":2,"RECORDS":[
    {"SET":{"ID":1,"TARGETS":[
      {"DEST":{"URI":"sip:127.0.0.1:5080","FLAGS":"AX","PRIORITY":0}},
      {"DEST":{"URI":"sip:127.0.0.1:5081","FLAGS":"IX","PRIORITY":0}}]}},
    {"SET":{"ID":2,"TARGETS":[{"DEST":{"URI":"sip:h:5060","FLAGS":"DX","PRIORITY":0}}]}}]},
    "id":9})";
  auto r = parse_list_answer(body, 9);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r.value().size(), 3u);
  EXPECT_EQ(r.value()[0].dest, (Destination{1, "sip:127.0.0.1:5080"}));
  EXPECT_TRUE(r.value()[0].active);
  EXPECT_FALSE(r.value()[1].active);
  EXPECT_EQ(r.value()[2].dest.set, 2);
  EXPECT_FALSE(r.value()[2].active);
  EXPECT_EQ(r.value()[2].flags, "DX");
}

TEST(RpcCodec, ListAnswerWithoutSetsIsEmpty) {
  auto r = parse_list_answer(R"({"jsonrpc":"2.0","result":{"NRSETS":0},"id":1})", 1);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r.value().empty());
}

TEST(RpcCodec, MalformedListsAreAnswerErrors) {
  for (const char* result :
       {R"("x")", R"({"RECORDS":{}})", R"({"RECORDS":[{"SET":{}}]})",
        R"({"RECORDS":[{"SET":{"ID":1,"TARGETS":{}}}]})",
        R"({"RECORDS":[{"SET":{"ID":1,"TARGETS":[{"DEST":{"URI":1,"FLAGS":"A"}}]}}]})",
        R"({"RECORDS":[{"SET":{"ID":1,"TARGETS":[{"URI":"sip:a","FLAGS":"A"}]}}]})"}) {
    const std::string body = std::string(R"({"jsonrpc":"2.0","id":1,"result":)") + result + "}";
    auto r = parse_list_answer(body, 1);
    ASSERT_FALSE(r) << body;
    EXPECT_EQ(r.error().code, "answer") << body;
  }
}

TEST(RpcCodec, OversizedAnswerIsRefusedUnread) {
  std::string huge(kMaxAnswerBytes + 1, ' ');
  auto r = parse_list_answer(huge, 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "answer too large");
}

}  // namespace
}  // namespace gw::kamailio
