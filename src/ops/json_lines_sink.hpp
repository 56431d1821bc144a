// JsonLinesSink writes each event as one JSON line (event.hpp) and flushes it at once, so a
// reader polling the file sees whole lines only. Contract: emit() never throws; a write failure
// is counted (write_errors) and the daemon goes on. The sink owns its FILE only when it opened
// it (open()); "-" means stdout. Single-threaded (the io_context's thread).
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "report/event_sink.hpp"

namespace gw::daemon {

class JsonLinesSink final : public EventSink {
 public:
  // Opens PATH for appending ("-": stdout). Error{"io"} names the path and the system error.
  static Result<std::unique_ptr<JsonLinesSink>> open(const std::string& path);
  // Writes to `file` without owning it.
  explicit JsonLinesSink(std::FILE* file, bool owned = false) : file_(file), owned_(owned) {}
  ~JsonLinesSink() override;
  JsonLinesSink(const JsonLinesSink&) = delete;
  JsonLinesSink& operator=(const JsonLinesSink&) = delete;

  void emit(const Event& event) override;
  std::uint64_t write_errors() const { return write_errors_; }

 private:
  std::FILE* file_;
  bool owned_;
  std::uint64_t write_errors_ = 0;
};

}  // namespace gw::daemon
