#include "services/target.hpp"
