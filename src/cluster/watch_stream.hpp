// WatchStream: the body of a /v3/watch answer (etcd 3.4 JSON gateway), a stream of JSON objects
// ({"result": {...}} or {"error": {...}}) read as it arrives, cut at any byte.
// Contract: feed() takes the next bytes and returns the messages they completed, in order. The
// objects are found by brace depth outside strings (whitespace or newlines between them are
// skipped), so a split anywhere — inside a string, an escape, a number — changes nothing. An
// object larger than kMaxWatchMessageBytes, bytes that are not an object, or a message that does
// not parse is an Error, and the stream is dead from then on (the caller reconnects and resumes
// from its revision). Memory: at most one partial object. Pure: no I/O, no clock.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "cluster/etcd_codec.hpp"

namespace gw::cluster {

struct WatchEvent {
  bool deleted = false;  // DELETE (a lease expired or a delete); PUT otherwise
  KeyValue kv;
};

struct WatchMessage {
  std::int64_t revision = 0;  // the header's revision
  bool created = false;
  bool canceled = false;
  std::int64_t compact_revision = 0;  // > 0: the start revision was compacted away
  std::vector<WatchEvent> events;
};

// One complete JSON object of the stream.
Result<WatchMessage> parse_watch_message(std::string_view object);

class WatchStream {
 public:
  Result<std::vector<WatchMessage>> feed(std::string_view bytes);
  bool dead() const { return dead_; }
  std::size_t buffered() const { return buf_.size(); }

 private:
  std::string buf_;  // the object under way (from its '{')
  int depth_ = 0;
  bool in_string_ = false;
  bool escape_ = false;
  bool dead_ = false;
};

}  // namespace gw::cluster
