// Structural validation of a flagd flag-set document, run before anything is stored:
// `flags` object; each flag with `state` ENABLED|DISABLED, a non-empty `variants`
// object, `defaultVariant` naming a variant when present, `targeting` an object when
// present. Errors carry JSON pointers into the document.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/http/response.hpp"

namespace flagport::store {

std::vector<FieldError> check_flag_set_shape(const nlohmann::json& document);

// "/flags" + "a/b" -> "/flags/a~1b" (RFC 6901 escaping).
std::string pointer_child(const std::string& parent, const std::string& key);

}  // namespace flagport::store
