// What a route handler gets: the request, its path parameters and the service settings.
#pragma once

#include "core/http/request.hpp"
#include "core/http/response.hpp"
#include "core/http/router.hpp"
#include "core/ports/settings.hpp"
#include "core/task/task.hpp"

namespace flagport {

namespace evaluation {
struct State;
}
namespace access {
struct Actor;
}

struct RouteContext {
  const HttpRequest& request;
  const PathParams& params;
  const RequestInfo& info;
  const Settings& settings;
  evaluation::State& evaluation;  // caches that live as long as the isolate / process
  const access::Actor* actor = nullptr;  // who the route's gate admitted (access/gate.hpp), if it wants one
};

using RouteHandler = Task<Response> (*)(const RouteContext&);

}  // namespace flagport
