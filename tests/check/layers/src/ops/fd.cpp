// Not pure: ops reads file descriptors.
#include <unistd.h>

#include "config/reader.hpp"

namespace fixture {

long read_some(int fd, char* into, unsigned long size) {
  return ::read(fd, into, size);
}

}  // namespace fixture
