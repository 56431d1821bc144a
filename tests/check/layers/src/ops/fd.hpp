#pragma once

namespace fixture {

long read_some(int fd, char* into, unsigned long size);

}  // namespace fixture
