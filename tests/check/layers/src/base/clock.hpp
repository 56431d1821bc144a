// Pure: comments and strings may name getenv, fopen or SteadyClock::now; code may not.
#pragma once
#include <arpa/inet.h>

#include <chrono>

namespace fixture {

inline const char* kNote = "fopen(\"x\") and ::read( are only words here";
using TimePoint = std::chrono::steady_clock::time_point;

}  // namespace fixture
