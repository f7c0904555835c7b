// The three ways a flag set changes (publish, patch, rollback), applied to a loaded state
// and committed as its next version. The admin methods and scheduled changes both go
// through here, so a change is checked, versioned and recorded alike whoever makes it.
#pragma once

#include <cstdint>
#include <string>

#include "core/ports/settings.hpp"
#include "core/store/flag_patch.hpp"
#include "core/store/object_io.hpp"
#include "core/store/object_reply.hpp"
#include "core/task/task.hpp"

namespace flagport::store {

// Each refuses with a conflict when intent.if_match names another version, and answers
// {version, flags} with the record to publish. `state` is the committed state afterwards
// (unchanged when refused).
Task<ObjectReply> publish_text(ProjectState& state, std::string text, std::int64_t flags, const Intent& intent,
                               const Settings& settings);
Task<ObjectReply> patch_one_flag(ProjectState& state, const std::string& flag_key, const FlagPatch& changes,
                                 const Intent& intent, const Settings& settings);
Task<ObjectReply> roll_back(ProjectState& state, std::int64_t version, const Intent& intent, const Settings& settings);

}  // namespace flagport::store
