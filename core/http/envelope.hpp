// The one function that turns a Response into HTTP (DESIGN §2); both providers call it.
#pragma once

#include <string_view>

#include "core/http/response.hpp"

namespace flagport {

// {"status":...,"message":...,"data":...} in this key order; data is an object or null.
// `provider` and `request_id` only ever go into headers, so bodies stay identical.
HttpResponse render_envelope(const Response& response, std::string_view provider, std::string_view request_id);

// The answer to anything that escaped a handler: generic, no internals.
Response internal_error(std::string_view request_id);

}  // namespace flagport
