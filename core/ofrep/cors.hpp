// CORS for the OFREP routes. Browsers are OFREP clients too, and client keys are public
// there, so by default any origin may read the answers; a project may narrow that to a
// list of origins (origin.hpp). CORS is the browser's guard over what a page may read,
// not authentication: a refused origin still gets the evaluation, just no CORS headers.
//   Preflight (OPTIONS): carries no key, so the project is unknown; it is granted for any
//     origin, which is safe because it only lets the browser send the request: the
//     browser then checks the actual answer's headers before the page sees it.
//   An answer to a proven key: the project's list decides. Empty: any origin
//     (Access-Control-Allow-Origin: *); listed: that origin; else no Access-Control-*.
//   An answer without a proven key (401, 403, a bad request before the key is checked):
//     readable from any origin so that a client can show its error, with nothing exposed
//     and nothing that depends on the project the key claims.
// Every answer to a request with an Origin carries Vary: Origin, for caches.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/request.hpp"
#include "core/http/response.hpp"

namespace flagport::ofrep {

using AllowedOrigins = std::vector<std::string>;

// The CORS headers of an actual answer. `project_origins`: the list of the project whose
// key the request proved; nullptr when no key was proven. No Origin: no headers.
Headers answer_cors_headers(std::optional<std::string_view> origin, const AllowedOrigins* project_origins);

// Adds answer_cors_headers(the request's Origin, project_origins) to `response`.
void add_cors_headers(const HttpRequest& request, HttpResponse& response, const AllowedOrigins* project_origins);

// The answer to a preflight (OPTIONS) request.
HttpResponse preflight(const HttpRequest& request);

}  // namespace flagport::ofrep
