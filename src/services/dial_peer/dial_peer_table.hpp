// DialPeerTable: the configuration's dial-peers as the OPTIONS keepalive sees them. The probed
// ones live in slots (target, profile, keepalive session) indexed by tag; the others, and the
// plan's notes, are kept as the show commands need them. Pure: no I/O, no clock.
//
// Contract:
// - A probed dial-peer's slot index is stable while it is probed: the service's and the
//   pacer's per-slot state is indexed by it. A freed slot is reused by a later add.
// - load(config) plans every dial-peer (plan_dial_peer(), dial_peer_plan.hpp) and replaces the
//   whole table.
// - apply(next, tags) re-plans the dial-peers `tags` names (sorted: a live change's, see
//   config_diff.hpp) from `next`, and touches no other: each of them that was probed leaves its
//   slot (its session is gone), each that `next` probes gets a slot with a fresh session. It
//   returns the freed slots (some possibly reused by the added ones), the added slots in tag
//   order, and what became of each dial-peer. Up to kFewChanges tags edit the tag index in
//   place (a binary search and a memmove of 4-byte indexes each); more (a sorted run: a slice
//   of a large restart) take the index's range between the first and last tag out and merge it
//   back, so that a slice touches the slots in its tag range, not every slot. Cost:
//   O(tags x log N) plus that range.
// - busyout() counts the probed dial-peers whose session is down: on_attempt_result() and
//   removals keep it.
// Single owner; not thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "config/model.hpp"
#include "keepalive/outcome.hpp"
#include "keepalive/target_session.hpp"
#include "report/dial_peer_snapshot.hpp"
#include "services/dial_peer/dial_peer_plan.hpp"

namespace gw::daemon {

class DialPeerTable {
 public:
  static constexpr std::size_t kFewChanges = 64;  // up to this many: the index edited in place

  // One probed dial-peer.
  struct Peer {
    long tag = 0;
    config::KeepaliveTarget target;  // session target + the transport the plan chose
    int profile = 0;                 // 0: the inline form
    bool live = false;               // false: a free slot
    bool probing = false;            // an attempt is under way (set and cleared by the caller)
    keepalive::TargetSession session;
  };
  // A dial-peer that is not probed: what the show commands need of it.
  struct Other {
    long tag;
    std::string session_target;
    std::string description;
    bool admin_up;
    int profile;
    Transport transport;
    long server_group;  // 0: none
  };
  struct Note {
    long tag;
    std::string text;
  };
  // What apply() did to one dial-peer: probed before and/or after, and the plan's note.
  struct Change {
    long tag = 0;
    bool was_probed = false;
    bool probed = false;
    std::string note;  // keepalive configured but it cannot start: why
  };
  struct Applied {
    std::vector<std::uint32_t> freed;  // before `added` took slots (some may be among them)
    std::vector<std::uint32_t> added;  // in tag order
    std::vector<Change> changes;       // in tag order: those probed before or after, or noted
  };

  explicit DialPeerTable(double time_scale) : time_scale_(time_scale) {}

  void load(const config::Config& config);
  Applied apply(const config::Config& next, std::span<const long> tags);
  void set_profiles(const std::map<int, config::OptionsKeepaliveProfile>& profiles) {
    profiles_ = profiles;
  }
  // Cluster ownership (dial_peer_ownership.cpp): when set, load() and apply() probe only the
  // dial-peers it says this node owns; the others are kept as not probed.
  void set_owned(std::function<bool(long)> owned) { owned_ = std::move(owned); }

  Peer& peer(std::uint32_t slot) { return peers_[slot]; }
  const Peer& peer(std::uint32_t slot) const { return peers_[slot]; }
  std::size_t slots() const { return peers_.size(); }
  const std::vector<std::uint32_t>& by_tag() const { return by_tag_; }  // probed, by tag
  std::size_t probed() const { return by_tag_.size(); }
  // The slot of the probed dial-peer `tag`, or nullopt: O(log N).
  std::optional<std::uint32_t> slot_of(long tag) const;
  std::size_t busyout() const { return busyout_; }
  const std::vector<Note>& notes() const { return notes_; }  // by tag

  // The slot's session takes the attempt's result; busyout() follows its transitions.
  Result<keepalive::Transition> on_attempt_result(std::uint32_t slot, TimePoint end,
                                                  const keepalive::AttemptOutcome& outcome);
  // No attempt is under way any more (the caller cancelled them all).
  void clear_probing();

  // The shortest up-interval among `slots` (not empty).
  Duration shortest_interval(std::span<const std::uint32_t> slots) const;
  // Those of `slots` that are probed and whose session has not begun, each once, in order.
  std::vector<std::uint32_t> unstarted(std::span<const std::uint32_t> slots) const;

  // Profiles, notes, and every dial-peer by tag; `address_of(slot)`: the prober's address.
  void snapshot(DialPeerKeepaliveSnapshot& out,
                const std::function<std::string(std::uint32_t)>& address_of) const;

 private:
  std::uint32_t add(DialPeerProbe&& probe);
  void remove(std::uint32_t slot);
  static Other other_of(long tag, const config::DialPeer& dp);

  double time_scale_;
  std::function<bool(long)> owned_;  // null: every dial-peer is ours
  std::map<int, config::OptionsKeepaliveProfile> profiles_;
  std::vector<Peer> peers_;            // slots
  std::vector<std::uint32_t> free_;    // free slots
  std::vector<std::uint32_t> by_tag_;  // live slots, ordered by tag
  std::vector<Other> others_;          // by tag
  std::vector<Note> notes_;            // by tag
  std::size_t busyout_ = 0;
};

}  // namespace gw::daemon
