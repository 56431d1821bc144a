#include "net/srv_records.hpp"

#include <ares.h>
#include <arpa/nameser.h>

#include <algorithm>
#include <optional>

namespace gw::net {
namespace {

constexpr std::size_t kHeaderSize = 12;

// Skips one (possibly compressed) domain name starting at `pos`; nullopt if it runs out.
std::optional<std::size_t> skip_name(const unsigned char* buf, std::size_t len, std::size_t pos) {
  // A name has at most 127 labels; the bound also stops malicious loops (we never follow
  // pointers here, a pointer ends the name).
  for (int labels = 0; labels < 128; ++labels) {
    if (pos >= len) return std::nullopt;
    const unsigned char l = buf[pos];
    if ((l & 0xC0) == 0xC0) return pos + 2 <= len ? std::optional(pos + 2) : std::nullopt;
    if ((l & 0xC0) != 0) return std::nullopt;  // reserved label types
    if (l == 0) return pos + 1;
    pos += 1 + l;
  }
  return std::nullopt;
}

unsigned read16(const unsigned char* p) {
  return (unsigned(p[0]) << 8) | p[1];
}
std::uint32_t read32(const unsigned char* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
         p[3];
}

// Smallest TTL of the SRV records in the answer section, nullopt if the message is malformed.
std::optional<std::uint32_t> min_srv_ttl(const unsigned char* buf, std::size_t len) {
  if (len < kHeaderSize) return std::nullopt;
  const unsigned qdcount = read16(buf + 4);
  const unsigned ancount = read16(buf + 6);
  std::size_t pos = kHeaderSize;
  for (unsigned i = 0; i < qdcount; ++i) {
    auto end = skip_name(buf, len, pos);
    if (!end || *end + 4 > len) return std::nullopt;
    pos = *end + 4;
  }
  std::optional<std::uint32_t> ttl;
  for (unsigned i = 0; i < ancount; ++i) {
    auto end = skip_name(buf, len, pos);
    if (!end || *end + 10 > len) return std::nullopt;
    const unsigned type = read16(buf + *end);
    const std::uint32_t rr_ttl = read32(buf + *end + 4);
    const unsigned rdlength = read16(buf + *end + 8);
    pos = *end + 10 + rdlength;
    if (pos > len) return std::nullopt;
    if (type == ns_t_srv) ttl = std::min(ttl.value_or(rr_ttl), rr_ttl);
  }
  return ttl;
}

}  // namespace

std::string srv_query_name(std::string_view host, Transport transport) {
  std::string name;
  switch (transport) {
    case Transport::udp:
      name = "_sip._udp.";
      break;
    case Transport::tcp:
      name = "_sip._tcp.";
      break;
    case Transport::tls:
      name = "_sips._tcp.";
      break;
  }
  name += host;
  return name;
}

Result<SrvAnswer> parse_srv_answer(const unsigned char* buf, int len) {
  if (buf == nullptr || len <= 0) return fail("dns", "empty SRV answer");
  ares_srv_reply* reply = nullptr;
  const int status = ares_parse_srv_reply(buf, len, &reply);
  if (status != ARES_SUCCESS) {
    return fail("dns", std::string("bad SRV answer: ") + ares_strerror(status));
  }
  SrvAnswer answer;
  for (ares_srv_reply* r = reply; r != nullptr; r = r->next) {
    SrvRecord rec;
    rec.target = r->host != nullptr ? r->host : "";
    rec.port = r->port;
    rec.priority = r->priority;
    rec.weight = r->weight;
    if (!rec.target.empty() && rec.target.back() == '.') rec.target.pop_back();
    if (!rec.target.empty()) answer.records.push_back(std::move(rec));
  }
  ares_free_data(reply);
  if (answer.records.empty()) return fail("dns", "SRV says the service is not available");
  auto ttl = min_srv_ttl(buf, static_cast<std::size_t>(len));
  if (!ttl) return fail("dns", "malformed SRV answer");
  answer.ttl = std::chrono::seconds(*ttl);
  return answer;
}

std::vector<SrvRecord> order_srv(std::vector<SrvRecord> records) {
  std::stable_sort(records.begin(), records.end(), [](const SrvRecord& a, const SrvRecord& b) {
    if (a.priority != b.priority) return a.priority < b.priority;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.target < b.target;
  });
  return records;
}

}  // namespace gw::net
