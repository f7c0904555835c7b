// The methods of a project object, by concern; dispatched by project_object.cpp.
// Arguments and replies are JSON; commits also hand back the record to publish to KV.
#pragma once

#include <string_view>

#include "core/json.hpp"
#include "core/store/object_reply.hpp"
#include "core/ports/settings.hpp"
#include "core/task/task.hpp"

namespace flagport::store::methods {

// Flag set (flag_set_methods.cpp)
//   publish  {ifMatch?} + the definition's text     -> {version, flags} + record
//   patch    {flagKey, state?, defaultVariant?, ifMatch?} -> {version, flags} + record
//   rollback {version, ifMatch?}                  -> {version, flags} + record
//   current  {}  -> {version, updatedAt} + the definition's text
//   versions {}  -> {version, versions: [{version, createdAt, action, flags, rolledBackFrom?}]}
// Every mutating call also carries {requestId, now}.
Task<ObjectReply> publish(const Json& args, std::string_view definition, const Settings& settings);
Task<ObjectReply> patch(const Json& args, const Settings& settings);
Task<ObjectReply> rollback(const Json& args, const Settings& settings);
Task<ObjectReply> current();
Task<ObjectReply> versions();

// Client keys (key_methods.cpp)
//   add_key    {id, name, digest, requestId, now} -> {id, name, createdAt} + record
//   list_keys  {}   -> {keys: [{id, name, createdAt}]}
//   revoke_key {id, requestId, now}               -> {id} + record
Task<ObjectReply> add_key(const Json& args, const Settings& settings);
Task<ObjectReply> list_keys();
Task<ObjectReply> revoke_key(const Json& args, const Settings& settings);

// Allowed origins for OFREP's CORS (origin_methods.cpp); the route validated them
//   set_origins {allowedOrigins, requestId, now} -> {allowedOrigins} + record
//   get_origins {}                                -> {allowedOrigins}
Task<ObjectReply> set_origins(const Json& args, const Settings& settings);
Task<ObjectReply> get_origins();

}  // namespace flagport::store::methods
