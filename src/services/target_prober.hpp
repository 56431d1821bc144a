// TargetProber: what the SIP keepalive service needs from the wire for one target — run one
// attempt and say where it went. net::SipProber is the real one (NetTargetProber adapts it);
// unit tests use fakes that answer with scripted outcomes.
// Contract: attempt() starts one attempt and calls done exactly once, later (never inside
// attempt()), unless cancel() comes first. address() is "ip:port" (IPv6 in brackets) of the
// last attempt. Single-threaded (the io_context's thread).
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "config/model.hpp"
#include "keepalive/outcome.hpp"
#include "net/sip_prober.hpp"

namespace gw::daemon {

class TargetProber {
 public:
  using Done = std::function<void(const keepalive::AttemptOutcome&)>;
  virtual ~TargetProber() = default;
  virtual Status<> attempt(const net::SipProbeParams& params, Done done) = 0;
  virtual void cancel() = 0;
  virtual std::string address() const = 0;
};

using ProberFactory =
    std::function<std::unique_ptr<TargetProber>(const config::KeepaliveTarget& target)>;

class NetTargetProber final : public TargetProber {
 public:
  NetTargetProber(net::SipProbeContext& context, const config::KeepaliveTarget& target)
      : prober_(context,
                net::SipProbeTarget{target.server.host, target.server.port, target.transport}) {}
  Status<> attempt(const net::SipProbeParams& params, Done done) override {
    return prober_.attempt(params, std::move(done));
  }
  void cancel() override { prober_.cancel(); }
  std::string address() const override { return prober_.address(); }

 private:
  net::SipProber prober_;
};

}  // namespace gw::daemon
