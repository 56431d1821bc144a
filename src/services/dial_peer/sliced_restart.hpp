// SlicedRestart: the dial-peers one live change (or reload) restarts, applied kPerSlice at a
// time so that the attempts that fall due meanwhile begin in between (the caller applies one
// slice per handler of its loop). Pure bookkeeping: no I/O, no clock.
//
// Contract:
// - Made from the change's dial-peer tags (sorted) and the configuration to plan them from
//   (`next`, which must stay alive until the restart is done or taken over).
// - A change that arrives while an earlier restart is under way takes it over: the tags the
//   earlier one has not reached join its own (planned from the newer configuration), and what
//   the earlier one counted and added carries over.
// - slice() is the next kPerSlice tags at most; advance() marks them applied; done() when none
//   are left.
// - `added`: the slots started by the slices so far. Their first attempts are scheduled once,
//   after the last slice: scheduled per slice, they would be late by the rest of the restart.
// - count_change() counts a dial-peer restarted, started or stopped, and says whether it is
//   among the first kLoggedChanges (logged one by one); unlogged() is how many were not.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "config/model.hpp"

namespace gw::daemon {

class SlicedRestart {
 public:
  static constexpr std::size_t kPerSlice = 2048;
  static constexpr std::size_t kLoggedChanges = 32;

  SlicedRestart(const config::Config& next, std::vector<long> tags);
  SlicedRestart(const config::Config& next, std::vector<long> tags, SlicedRestart&& earlier);

  const config::Config& next() const { return *next_; }
  std::span<const long> slice() const;
  void advance(std::size_t n) { done_ += n; }
  bool done() const { return done_ == tags_.size(); }

  bool count_change() { return ++changes_ <= kLoggedChanges; }
  std::size_t unlogged() const { return changes_ > kLoggedChanges ? changes_ - kLoggedChanges : 0; }

  std::vector<std::uint32_t> added;

 private:
  const config::Config* next_;
  std::vector<long> tags_;  // sorted; applied up to done_
  std::size_t done_ = 0;
  std::size_t changes_ = 0;  // restarted, started or stopped so far
};

}  // namespace gw::daemon
