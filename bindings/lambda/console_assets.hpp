// The web console's static files (web/), built into the bootstrap and served before the core
// sees the request, as Workers static assets serve the same files on Cloudflare: the same
// bytes, the headers of web/_headers, /console redirected to /console/.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/http/request.hpp"
#include "core/http/response.hpp"

namespace flagport::lambda::console_assets {

struct EmbeddedFile {
  std::string_view path;  // from web/, with a leading '/': "/console/main.js", "/_headers"
  std::string_view bytes;
};

// Every file under web/, generated at build time (cmake/embed_files.cmake).
const std::vector<EmbeddedFile>& embedded_files();

// The answer for a console path (/console, /console/...), nullopt for any other.
std::optional<HttpResponse> serve(const HttpRequest& request);

}  // namespace flagport::lambda::console_assets
