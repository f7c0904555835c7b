#include "core/health.hpp"

namespace flagport {

// Written as text: the answer never changes, and a document per request would cost
// more than the rest of the route (keys in the order nlohmann's dump gives them).
Task<Response> health(const RouteContext&) {
  co_return Response::rendered(Status::Success, "", R"({"api":"v1","service":"flagport"})");
}

}  // namespace flagport
