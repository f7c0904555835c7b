// The checks every evaluation request passes, whichever API renders the answer:
// a credential, the right project, and a published flag set to evaluate.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/evaluation/published_flags.hpp"
#include "core/http/route_context.hpp"

namespace flagport::evaluation {

enum class Refusal { NotAuthenticated, Unauthorized, BadProject, Unavailable };

struct Admission {
  std::optional<Refusal> refusal;
  std::string message;                           // with a refusal
  std::string project;                           // without one
  std::shared_ptr<const PublishedFlags> flags;  // null when nothing is published yet
  // The project's allowed origins for CORS, once its record was read and the key proven
  // (empty: any origin); null with a refusal.
  std::shared_ptr<const std::vector<std::string>> allowed_origins;
};

// `project`: from the path (Flagport API, where the admin token is accepted too), or
// nullopt to take it from the client key (OFREP).
Task<Admission> admit(const RouteContext& ctx, std::optional<std::string_view> project);

}  // namespace flagport::evaluation
