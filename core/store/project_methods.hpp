// The methods of a project object, by concern; dispatched by project_object.cpp.
// Arguments and replies are JSON; commits also hand back the record to publish to KV.
#pragma once

#include <string_view>

#include "core/json.hpp"
#include "core/http/request.hpp"
#include "core/store/object_reply.hpp"
#include "core/store/project_state.hpp"
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

// Scheduled changes (schedule_methods.cpp); wake_project applies the due ones
//   add_schedule    {id, at, change, ifMatch?, requestId, now} (+ a publish's definition)
//                   -> the schedule
//   list_schedules  {}                       -> {schedules: [...]}, pending first
//   cancel_schedule {id, requestId, now}     -> the schedule, cancelled
Task<ObjectReply> add_schedule(const Json& args, std::string_view definition, const Settings& settings);
Task<ObjectReply> list_schedules();
Task<ObjectReply> cancel_schedule(const Json& args, const Settings& settings);
// Applies every pending schedule due at info.now_ms, in order, each through the same change
// and commit as an admin call; a refused one is marked failed with the reason. False when the
// store failed (logged): the rest waits for the next wake.
Task<bool> apply_due_schedules(ProjectState& state, const RequestInfo& info, const Settings& settings);

// Audit log (audit_methods.cpp); every commit above appends its entry (object_io.hpp save)
//   audit {query} -> audit::answer()
Task<ObjectReply> read_audit(const Json& args);

}  // namespace flagport::store::methods
