// Every JSON document the core builds or reads is ordered: its members keep the order they
// were written or built in. Json sorts them, which hands a user's flag set back
// reordered and renders object values in another member order than flagd-core.
#pragma once

#include <nlohmann/json.hpp>

namespace flagport {

using Json = nlohmann::ordered_json;

}  // namespace flagport
