#include <asio/io_context.hpp>

#include "ops/fd.hpp"
#include "services/target.hpp"
