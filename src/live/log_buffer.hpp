// LogBuffer: the IOS `logging buffered <size>` buffer behind `show logging`: the most recent
// log lines, as the daemon printed them (timestamp included), within `capacity` bytes; the
// oldest lines go first when a new one does not fit. Capacity 0 (`no logging buffered`)
// keeps nothing. Counts what it logged and what it dropped for the header.
// Contract: pure; memory is at most capacity plus one line's bookkeeping; not thread-safe
// (the io thread logs and shows).
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace gw::daemon {

// IOS's range for `logging buffered <4096-...>`, capped at 16 MiB: a buffer a console can show.
inline constexpr std::size_t kLogBufferMin = 4096;
inline constexpr std::size_t kLogBufferMax = 16 * 1024 * 1024;
inline constexpr std::size_t kLogBufferDefault = 8192;

class LogBuffer {
 public:
  explicit LogBuffer(std::size_t capacity = kLogBufferDefault) : capacity_(capacity) {}

  void set_capacity(std::size_t capacity);  // trims at once
  std::size_t capacity() const { return capacity_; }
  void add(std::string_view line);  // without '\n'; a line over capacity is cut to it
  void clear();                     // `clear logging`

  // `show logging`: the header (IOS wording) then the buffered lines, oldest first.
  std::string render() const;

  std::uint64_t logged() const { return logged_; }
  std::uint64_t evicted() const { return evicted_; }
  std::size_t bytes() const { return bytes_; }

 private:
  void trim();
  std::size_t capacity_;
  std::deque<std::string> lines_;
  std::size_t bytes_ = 0;  // sum of line sizes + 1 per line
  std::uint64_t logged_ = 0;
  std::uint64_t evicted_ = 0;
};

}  // namespace gw::daemon
