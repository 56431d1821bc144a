#pragma once
#include "config/reader.hpp"
