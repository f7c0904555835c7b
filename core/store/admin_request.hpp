// The steps every admin route shares once App::route admitted its caller (access/gate.hpp):
// the project id, body and If-Match parsing, and calling the project object then publishing
// what it committed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"

#include "core/http/route_context.hpp"

namespace flagport::store {

// nullopt when {project} is a valid project id.
std::optional<Response> admit(const RouteContext& ctx);
const std::string& project_of(const RouteContext& ctx);

struct Body {
  std::optional<Response> refusal;
  Json document;  // an object when there is no refusal
};
Body parse_body(const RouteContext& ctx);

// If-Match: 5, "5" or W/"5" names the flag-set version the client expects to replace.
struct IfMatch {
  std::optional<Response> refusal;
  std::optional<std::int64_t> version;
};
IfMatch parse_if_match(const HttpRequest& request);

// {actor, source?, requestId, now, ifMatch?}: what every mutating object method gets.
Json intent_args(const RouteContext& ctx, const IfMatch& if_match = {});

// How a route that changes a project's flags opens: the project admitted, If-Match and the
// body read, the object method's arguments begun (intent_args). `refusal`: the first refusal.
struct Write {
  std::optional<Response> refusal;
  Json document;  // the body, an object
  Json args;
};
Write open_write(const RouteContext& ctx);

// Calls a committing object method and writes the record it returns to KV. A failed KV
// write does not fail the request: the object's alarm (or Lambda's scheduled
// reconciliation) publishes the committed revision later. The reply's data comes back
// without the record. `attached` travels after the arguments as it is (a definition's text).
Task<Response> call_and_publish(const RouteContext& ctx, std::string method, const Json& args,
                                std::string_view attached = {});

}  // namespace flagport::store
