// The fields of a flag patch (state, defaultVariant), read from a request document the same
// way for PATCH .../flags/{flagKey} and for a scheduled patch.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/response.hpp"
#include "core/json.hpp"

namespace flagport::store {

// Copies the valid fields of `document` into `args` and reports the others as errors under
// `pointer`; members named in `also` are the caller's to read. Without other errors, at least one field is required.
void read_patch_fields(const Json& document, const std::string& pointer, std::initializer_list<std::string_view> also,
                       Json& args, std::vector<FieldError>& errors);

}  // namespace flagport::store
