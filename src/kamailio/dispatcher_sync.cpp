#include "kamailio/dispatcher_sync.hpp"

#include <algorithm>
#include <chrono>

namespace gw::kamailio {

namespace {
// dispatcher.list's answer when Kamailio holds no set at all.
bool is_no_sets(const Error& e) {
  return e.message.find("No Destination Sets") != std::string::npos;
}
}  // namespace

void DispatcherSync::configure(std::vector<Binding> bindings, SyncPolicy policy, TimePoint now) {
  policy_ = policy;
  std::vector<DestinationView> dests;
  std::unordered_map<Destination, std::size_t, DestinationHash> index;
  index.reserve(bindings.size());
  std::map<long, std::vector<std::size_t>> by_dial_peer;
  std::map<std::string, std::vector<std::pair<std::size_t, long>>> by_member;
  down_.clear();
  members_down_.clear();
  for (auto& b : bindings) {
    if (!b.up && b.member.empty()) down_[b.dial_peer] = true;
    if (!b.up && !b.member.empty()) members_down_.insert(b.member);
    auto [it, fresh] = index.emplace(b.dest, dests.size());
    if (fresh) {
      DestinationView v;
      v.dest = b.dest;
      if (const auto old = index_.find(b.dest); old != index_.end()) {
        v.known = dests_[old->second].known;
        v.missing = dests_[old->second].missing;
      }
      dests.push_back(std::move(v));
    }
    DestinationView& d = dests[it->second];
    d.dial_peers.push_back(b.dial_peer);
    if (b.member.empty()) {
      by_dial_peer[b.dial_peer].push_back(it->second);
      continue;
    }
    if (std::find(d.members.begin(), d.members.end(), b.member) == d.members.end())
      d.members.push_back(b.member);
    auto& of_member = by_member[b.member];  // each destination once, with its first dial-peer
    const std::size_t at = it->second;      // clang 14 cannot capture a structured binding
    if (std::none_of(of_member.begin(), of_member.end(),
                     [at](const auto& e) { return e.first == at; }))
      of_member.emplace_back(at, b.dial_peer);
  }
  dests_ = std::move(dests);
  index_ = std::move(index);
  by_dial_peer_ = std::move(by_dial_peer);
  by_member_ = std::move(by_member);
  cause_.assign(dests_.size(), 0);
  queue_.clear();
  queued_.assign(dests_.size(), false);
  for (std::size_t i = 0; i < dests_.size(); ++i) {
    cause_[i] = dests_[i].dial_peers.front();
    refresh(i);
  }
  in_flight_.reset();  // an answer to a request of the old bindings is dropped
  next_list_ = now;
  not_before_ = TimePoint::min();  // an operator's change is tried at once, backoff or not
  backoff_ = Duration{};
}

DsState DispatcherSync::wanted_of(const DestinationView& d) const {
  for (long tag : d.dial_peers)
    if (down_.count(tag)) return DsState::inactive;
  for (const auto& m : d.members)
    if (members_down_.count(m)) return DsState::inactive;
  return DsState::active;
}

void DispatcherSync::refresh(std::size_t dest) {
  DestinationView& d = dests_[dest];
  d.wanted = wanted_of(d);
  if (!d.missing && d.known != d.wanted) enqueue(dest);
}

void DispatcherSync::enqueue(std::size_t dest) {
  if (queued_[dest]) return;
  queued_[dest] = true;
  queue_.push_back(dest);
}

void DispatcherSync::verdict(long dial_peer, bool up) {
  const auto it = by_dial_peer_.find(dial_peer);
  if (it == by_dial_peer_.end()) return;
  if (up)
    down_.erase(dial_peer);
  else
    down_[dial_peer] = true;
  for (std::size_t dest : it->second) {
    cause_[dest] = dial_peer;
    refresh(dest);
  }
}

void DispatcherSync::member_verdict(const std::string& member, bool up) {
  const auto it = by_member_.find(member);
  if (it == by_member_.end()) return;
  if (up)
    members_down_.erase(member);
  else
    members_down_.insert(member);
  for (const auto& [dest, dial_peer] : it->second) {
    cause_[dest] = dial_peer;
    refresh(dest);
  }
}

std::optional<Request> DispatcherSync::next(TimePoint now) {
  if (in_flight_ || now < not_before_) return std::nullopt;
  Request r;
  r.id = next_id_++;
  if (now >= next_list_ && !dests_.empty()) {
    r.kind = Request::Kind::list;
    r.body = list_request(r.id);
    in_flight_ = InFlight{r.id, r.kind, 0, DsState::active};
    ++counters_.requests;
    return r;
  }
  while (!queue_.empty()) {
    const std::size_t dest = queue_.front();
    queue_.pop_front();
    queued_[dest] = false;
    const DestinationView& d = dests_[dest];
    if (d.missing || d.known == d.wanted) continue;
    r.kind = Request::Kind::set_state;
    r.body = set_state_request(r.id, d.wanted, d.dest);
    in_flight_ = InFlight{r.id, r.kind, dest, d.wanted};
    ++counters_.requests;
    return r;
  }
  --next_id_;
  return std::nullopt;
}

TimePoint DispatcherSync::wakeup() const {
  if (in_flight_ || dests_.empty()) return TimePoint::max();
  TimePoint t = next_list_;
  if (!queue_.empty()) t = std::min(t, not_before_);
  return std::max(t, not_before_);
}

std::vector<SyncEvent> DispatcherSync::on_answer(Answer a, TimePoint now) {
  std::vector<SyncEvent> out;
  if (!in_flight_ || in_flight_->id != a.id) return out;  // stale: bindings changed meanwhile
  if (!a.delivered) {
    transport_failure(a.error.empty() ? "no answer" : a.error, now, out);
  } else {
    count_latency(a.latency);
    answered(a, now, out);
  }
  return out;
}

void DispatcherSync::transport_failure(const std::string& error, TimePoint now,
                                       std::vector<SyncEvent>& out) {
  const InFlight f = *in_flight_;
  in_flight_.reset();
  ++counters_.failures;
  last_error_ = error;
  if (reachable_) out.push_back(sync_event::RpcDown{error});
  reachable_ = false;
  backoff_ =
      backoff_ == Duration{} ? policy_.backoff_min : std::min(backoff_ * 2, policy_.backoff_max);
  not_before_ = now + backoff_;
  if (f.kind == Request::Kind::set_state) {
    // Sent again first, with whatever state is wanted by then.
    if (!queued_[f.dest]) {
      queued_[f.dest] = true;
      queue_.push_front(f.dest);
    }
  }
}

void DispatcherSync::answered(Answer& a, TimePoint now, std::vector<SyncEvent>& out) {
  const InFlight f = *in_flight_;
  Status<> status = Ok{};
  std::vector<ListedDestination> listed;
  if (f.kind == Request::Kind::list) {
    auto r = a.list ? std::move(*a.list) : parse_list_answer(a.body, a.id);
    if (r)
      listed = std::move(r.value());
    else
      status = Unexpected<Error>{r.error()};
  } else {
    status = parse_set_state_answer(a.body, a.id);
  }
  // jsonrpcs answers a JSON-RPC error with HTTP 500: the body decides, the status only when
  // the body is no JSON-RPC answer.
  if (!status && status.error().code == "answer") {
    transport_failure(
        a.http_status != 200 ? "HTTP " + std::to_string(a.http_status) : status.error().message,
        now, out);
    return;
  }
  if (!status && f.kind == Request::Kind::list && is_no_sets(status.error())) {
    status = Ok{};  // Kamailio's list is empty: every bound destination is missing
    listed.clear();
  }
  in_flight_.reset();
  backoff_ = Duration{};
  not_before_ = TimePoint::min();
  if (!reachable_) {
    reachable_ = true;
    out.push_back(sync_event::RpcUp{});
    if (f.kind != Request::Kind::list) next_list_ = now;  // it may have restarted meanwhile
  }
  if (!status) {  // a JSON-RPC error object
    ++counters_.rpc_errors;
    last_error_ = status.error().message;
    if (f.kind == Request::Kind::list) {
      next_list_ = now + policy_.resync;
    } else {
      DestinationView& d = dests_[f.dest];
      if (!d.missing) out.push_back(sync_event::Missing{d.dest, cause_[f.dest]});
      d.missing = true;
    }
    return;
  }
  if (f.kind == Request::Kind::list) {
    ++counters_.lists;
    next_list_ = now + policy_.resync;
    apply_list(listed, out);
    return;
  }
  ++counters_.states_set;
  DestinationView& d = dests_[f.dest];
  d.known = f.state;
  out.push_back(sync_event::SetApplied{d.dest, f.state, cause_[f.dest]});
  refresh(f.dest);  // the wanted state may have changed while it was in flight
}

void DispatcherSync::apply_list(const std::vector<ListedDestination>& listed,
                                std::vector<SyncEvent>& out) {
  std::vector<bool> seen(dests_.size(), false);
  for (const auto& l : listed) {
    const auto it = index_.find(l.dest);
    if (it == index_.end()) continue;  // not ours
    seen[it->second] = true;
    DestinationView& d = dests_[it->second];
    d.known = l.active ? DsState::active : DsState::inactive;
  }
  for (std::size_t i = 0; i < dests_.size(); ++i) {
    DestinationView& d = dests_[i];
    const bool was_missing = d.missing;
    d.missing = !seen[i];
    if (d.missing) {
      d.known.reset();
      if (!was_missing) out.push_back(sync_event::Missing{d.dest, cause_[i]});
      continue;
    }
    refresh(i);
  }
}

void DispatcherSync::count_latency(Duration latency) {
  const double ms = std::chrono::duration<double, std::milli>(latency).count();
  std::size_t b = 0;
  while (b < kLatencyBucketsMs.size() && ms > kLatencyBucketsMs[b]) ++b;
  ++counters_.latency[b];
  counters_.latency_sum_s += ms / 1000.0;
}

std::size_t DispatcherSync::in_sync() const {
  return static_cast<std::size_t>(
      std::count_if(dests_.begin(), dests_.end(), [](const auto& d) { return d.in_sync(); }));
}

std::size_t DispatcherSync::missing() const {
  return static_cast<std::size_t>(
      std::count_if(dests_.begin(), dests_.end(), [](const auto& d) { return d.missing; }));
}

}  // namespace gw::kamailio
