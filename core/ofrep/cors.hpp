// CORS for the OFREP routes: browsers are OFREP clients too, and client keys are public
// there, so any origin may call them; the answer exposes ETag for polling.
#pragma once

#include "core/http/request.hpp"
#include "core/http/response.hpp"

namespace flagport::ofrep {

// Adds the CORS headers an answer to `request` needs (none without an Origin header).
void add_cors_headers(const HttpRequest& request, HttpResponse& response);

// The answer to a preflight (OPTIONS) request.
HttpResponse preflight(const HttpRequest& request);

}  // namespace flagport::ofrep
