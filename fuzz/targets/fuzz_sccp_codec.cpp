// fuzz_sccp_codec: decode() of one raw frame of arbitrary bytes.
// Properties: never crashes; a frame whose data_length disagrees with its size is refused;
// a decoded message survives encode → decode → encode unchanged (see sccp_roundtrip.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "sccp_roundtrip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view frame(reinterpret_cast<const char*>(data), size);
  auto m = gw::sccp::decode(frame);
  if (!m) {
    FUZZ_CHECK(!m.error().code.empty(), "an error must be named");
    return 0;
  }
  FUZZ_CHECK(size >= gw::sccp::kHeaderSize, "a frame shorter than the header decoded");
  gw::fuzz::check_roundtrip(*m);
  return 0;
}
