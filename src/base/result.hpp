// Result<T, E>: a value or an error, the way errors travel inside the core (no exceptions).
// Contract: exactly one of value()/error() is valid; ok() tells which. Accessing the other
// one is a programming error (asserted). E defaults to a named Error with a message.
#pragma once
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace gw {

// A named error: a short machine-readable code and a human message.
struct Error {
  std::string code;
  std::string message;
};

template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

inline Unexpected<Error> fail(std::string code, std::string message = {}) {
  return Unexpected<Error>{Error{std::move(code), std::move(message)}};
}

template <class T, class E = Error>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(Unexpected<E> u) : v_(std::in_place_index<1>, std::move(u.error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const {
    assert(ok());
    return std::get<0>(v_);
  }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, E> v_;
};

// Result without a value.
struct Ok {};
template <class E = Error>
using Status = Result<Ok, E>;

}  // namespace gw
