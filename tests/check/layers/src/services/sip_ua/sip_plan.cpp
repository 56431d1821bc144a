// Pure by its name (*_plan.*), though services/sip_ua is not a pure folder.
#include "services/target.hpp"
