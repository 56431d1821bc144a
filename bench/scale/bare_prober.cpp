// gw_bare_prober: the physical floor for bench/scale/run.sh — the least a process can do to
// probe N SIP targets at the same rate as gatewatch: one blocking loop, one UDP socket, one
// `sendto` per probe and one `recv` per answer, at most 64 probes outstanding, nothing else.
//
//   gw_bare_prober N INTERVAL_S PORT...
//
// Targets are sip:tI@127.0.0.1:PORT (PORTs round-robin, as bench/scale/dial-peers.py), each
// probed once per INTERVAL_S; the N probes of an interval are spread evenly over it (one every
// INTERVAL_S / N), as a steady stream. Each OPTIONS has a fresh branch, Call-ID and CSeq (a
// counter formatted into the request, no randomness); an answer is counted, not parsed. The
// loop sleeps (clock_nanosleep) until the next probe is due, sends it, and once 64 probes are
// outstanding reads one answer per probe sent (recv, SO_RCVTIMEO 100 ms: a lost answer frees
// its place after that), so an answer is read from the socket buffer without a wake-up of its
// own. Runs until SIGTERM or SIGINT, then prints one line to stderr:
//   bare: sent S answered A lateness p50 X us p99 Y us max Z us
// (lateness: each send behind its due time). Deliberately no timer wheel, no transaction, no
// retransmission, no event loop: what gatewatch does beyond this is what its ratio measures.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

std::atomic<bool> stop{false};
void on_signal(int) {
  stop = true;
}

std::int64_t now_ns() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: gw_bare_prober N INTERVAL_S PORT...\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  const double interval = std::atof(argv[2]);
  std::vector<std::uint16_t> ports;
  for (int i = 3; i < argc; ++i) ports.push_back(static_cast<std::uint16_t>(std::atoi(argv[i])));
  if (n <= 0 || interval <= 0 || ports.empty()) return 2;

  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof local;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &len) != 0) {
    std::perror("bare: socket");
    return 1;
  }
  const timeval rcv_timeout{0, 100000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &rcv_timeout, sizeof rcv_timeout);
  const unsigned local_port = ntohs(local.sin_port);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);

  constexpr int kOutstanding = 64;
  const std::int64_t period = static_cast<std::int64_t>(interval * 1e9 / static_cast<double>(n));
  std::int64_t due = now_ns();
  std::uint64_t sent = 0, answered = 0;
  int outstanding = 0;
  std::vector<std::uint32_t> lateness_us;  // one per send: a few MB over a bench run
  lateness_us.reserve(1 << 20);
  char msg[768];
  char answer[4096];
  while (!stop) {
    std::int64_t now = now_ns();
    if (now < due) {
      const timespec at{static_cast<time_t>(due / 1000000000), static_cast<long>(due % 1000000000)};
      ::clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, nullptr);
      continue;
    }
    const long t = static_cast<long>(sent % static_cast<std::uint64_t>(n));
    const unsigned port = ports[static_cast<std::size_t>(t) % ports.size()];
    const int size =
        std::snprintf(msg, sizeof msg,
                      "OPTIONS sip:t%ld@127.0.0.1:%u SIP/2.0\r\n"
                      "Via: SIP/2.0/UDP 127.0.0.1:%u;branch=z9hG4bK%016llx;rport\r\n"
                      "Max-Forwards: 70\r\n"
                      "From: <sip:gatewatch@127.0.0.1:%u>;tag=%016llx\r\n"
                      "To: <sip:t%ld@127.0.0.1:%u>\r\n"
                      "Call-ID: %016llx%016llx@127.0.0.1\r\n"
                      "CSeq: %u OPTIONS\r\n"
                      "Contact: <sip:gatewatch@127.0.0.1:%u>\r\n"
                      "Accept: application/sdp\r\n"
                      "User-Agent: bare\r\n"
                      "Content-Length: 0\r\n\r\n",
                      t, port, local_port, static_cast<unsigned long long>(sent), local_port,
                      static_cast<unsigned long long>(sent), t, port,
                      static_cast<unsigned long long>(sent), static_cast<unsigned long long>(t),
                      static_cast<unsigned>(sent % 0x7fffffff + 1), local_port);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::sendto(fd, msg, static_cast<std::size_t>(size), 0, reinterpret_cast<sockaddr*>(&to),
                 sizeof to) > 0)
      ++outstanding;
    ++sent;
    if (lateness_us.size() < lateness_us.capacity())
      lateness_us.push_back(static_cast<std::uint32_t>((now - due) / 1000));
    due += period;
    // The oldest answer has long arrived by the time 64 more probes left: recv rarely blocks.
    while (outstanding >= kOutstanding && !stop) {
      if (::recv(fd, answer, sizeof answer, 0) > 0) ++answered;  // else timed out: lost
      --outstanding;
    }
  }
  std::sort(lateness_us.begin(), lateness_us.end());
  const auto pct = [&](double p) -> unsigned {
    if (lateness_us.empty()) return 0;
    return lateness_us[std::min(
        lateness_us.size() - 1,
        static_cast<std::size_t>(p * static_cast<double>(lateness_us.size())))];
  };
  std::fprintf(stderr, "bare: sent %llu answered %llu lateness p50 %u us p99 %u us max %u us\n",
               static_cast<unsigned long long>(sent), static_cast<unsigned long long>(answered),
               pct(0.5), pct(0.99), lateness_us.empty() ? 0 : lateness_us.back());
  ::close(fd);
  return 0;
}
