// Liveness: what an object holds so that the callbacks it hands to an event loop (timers,
// posted work, completion handlers) can tell, when they run, whether the object still exists.
// Contract: token() is cheap and copyable; Token::expired() is false until the Liveness is
// destroyed or renew()ed, true from then on. renew() orphans every token handed out so far
// (pending callbacks of a stopped or restarted object) and starts afresh. Check expired() on the
// thread that destroys or renews the owner.
#pragma once
#include <memory>

namespace gw {

class Liveness {
 public:
  class Token {
   public:
    bool expired() const { return owner_.expired(); }

   private:
    friend class Liveness;
    explicit Token(std::weak_ptr<const char> owner) : owner_(std::move(owner)) {}
    std::weak_ptr<const char> owner_;
  };

  Token token() const { return Token(state_); }
  void renew() { state_ = std::make_shared<const char>(0); }

 private:
  std::shared_ptr<const char> state_ = std::make_shared<const char>(0);
};

}  // namespace gw
