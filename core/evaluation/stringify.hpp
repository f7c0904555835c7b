// The JSON text flagd-core answers for a value of a flag set: JSON.stringify of what
// JSON.parse made of it. Members keep their written order, but for keys that are array
// indices ("0", "7"), which JS objects list first in ascending order; numbers are JS
// numbers (12.0 is 12, 1e21 stays 1e+21, a 64-bit integer is rounded to a double).
#pragma once

#include <string>

#include "core/json.hpp"

namespace flagport::evaluation {

void append_stringified(std::string& out, const Json& value);

inline std::string stringified(const Json& value) {
  std::string out;
  append_stringified(out, value);
  return out;
}

}  // namespace flagport::evaluation
