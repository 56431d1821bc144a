// HandlerMemory / HandlerAllocator: room for ONE asio handler that a component posts again and
// again, one at a time (UdpSocket's flush), so that posting it allocates nothing. asio's own
// per-thread cache keeps only two blocks, and the daemon's other handlers take them.
// Contract: bind the allocator to the handler (asio::bind_allocator); the block serves one
// allocation at a time of up to 128 bytes; a larger or a second concurrent one falls back to
// operator new. The HandlerMemory must outlive every handler bound to it. Single-threaded.
#pragma once
#include <cstddef>
#include <new>

namespace gw::net {

struct HandlerMemory {
  alignas(std::max_align_t) unsigned char bytes[128];
  bool used = false;
};

template <class T>
struct HandlerAllocator {
  using value_type = T;
  HandlerMemory* memory;
  explicit HandlerAllocator(HandlerMemory* m) : memory(m) {}
  template <class U>
  HandlerAllocator(const HandlerAllocator<U>& other) : memory(other.memory) {}
  T* allocate(std::size_t n) {
    if (!memory->used && n * sizeof(T) <= sizeof memory->bytes) {
      memory->used = true;
      return reinterpret_cast<T*>(memory->bytes);
    }
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  void deallocate(T* p, std::size_t) {
    if (reinterpret_cast<unsigned char*>(p) == memory->bytes) {
      memory->used = false;
      return;
    }
    ::operator delete(p);
  }
  template <class U>
  bool operator==(const HandlerAllocator<U>& other) const {
    return memory == other.memory;
  }
};

}  // namespace gw::net
