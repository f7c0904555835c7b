#include "core/health.hpp"

namespace flagport {

Task<Response> health(const RouteContext&) {
  co_return Response::success({{"service", "flagport"}, {"api", "v1"}});
}

}  // namespace flagport
