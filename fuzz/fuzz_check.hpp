// FUZZ_CHECK(cond, what): the invariant checks of the fuzz targets. Unlike assert() it is not
// compiled out by NDEBUG (RelWithDebInfo), so the plain replay build checks the same properties
// as the libFuzzer build. On failure it prints the condition and `what` to stderr and aborts,
// which libFuzzer reports as a crash and ctest as a failed replay.
#pragma once
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, what)                                                                     \
  do {                                                                                             \
    if (!(cond)) {                                                                                 \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed: %s\n", __FILE__, __LINE__, #cond, what); \
      std::abort();                                                                                \
    }                                                                                              \
  } while (0)
