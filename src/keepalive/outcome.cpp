#include "keepalive/outcome.hpp"

namespace gw::keepalive {

std::string_view to_string(FailureReason r) {
  switch (r) {
    case FailureReason::timeout:
      return "timeout";
    case FailureReason::status_503:
      return "503";
    case FailureReason::status_505:
      return "505";
    case FailureReason::refused:
      return "refused";
    case FailureReason::reset:
      return "reset";
    case FailureReason::tls:
      return "tls";
    case FailureReason::dns:
      return "dns";
  }
  return "timeout";
}

AttemptOutcome AttemptOutcome::succeeded(int status, std::optional<Duration> rtt) {
  return AttemptOutcome{true, FailureReason::timeout, status, rtt, std::nullopt};
}

AttemptOutcome AttemptOutcome::failed(FailureReason reason, int status,
                                      std::optional<Duration> rtt) {
  return AttemptOutcome{false, reason, status, rtt, std::nullopt};
}

AttemptOutcome classify(int status, std::optional<Duration> rtt) {
  if (status == 503) return AttemptOutcome::failed(FailureReason::status_503, status, rtt);
  if (status == 505) return AttemptOutcome::failed(FailureReason::status_505, status, rtt);
  return AttemptOutcome::succeeded(status, rtt);
}

FailureReason from_transport_error(sip::TransportError e) {
  switch (e) {
    case sip::TransportError::refused:
      return FailureReason::refused;
    case sip::TransportError::reset:
      return FailureReason::reset;
    case sip::TransportError::tls:
      return FailureReason::tls;
  }
  return FailureReason::reset;
}

Result<AttemptOutcome> outcome_of(const sip::ClientTransaction& tx) {
  AttemptOutcome o;
  switch (tx.state()) {
    case sip::TxState::completed:
      o = classify(tx.status(), tx.rtt());
      break;
    case sip::TxState::failed: {
      const auto f = tx.failure();
      o = f && f->kind == sip::TxFailure::Kind::transport
              ? AttemptOutcome::failed(from_transport_error(f->transport))
              : AttemptOutcome::failed(FailureReason::timeout);
      break;
    }
    default:
      return fail("attempt-not-finished",
                  "transaction is still '" + std::string(sip::to_string(tx.state())) + "'");
  }
  o.ended = tx.finished_at();
  return o;
}

}  // namespace gw::keepalive
