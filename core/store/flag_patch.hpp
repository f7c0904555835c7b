// A PATCH of one flag (its state, its default variant) written into the stored definition
// where those members stand, so the rest of the flag set reads back as its author wrote it.
// Members are found as JSON.parse reads them: by decoded name, the last of repeated ones.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace flagport::store {

struct FlagPatch {
  std::optional<std::string> state;                          // ENABLED | DISABLED
  std::optional<std::optional<std::string>> default_variant;  // a variant name, or null
};

enum class PatchOutcome { Patched, NoSuchFlag, UnknownVariant, Unreadable };

// Patches `definition` (a flag set's JSON text) in place; unchanged unless Patched.
PatchOutcome patch_flag(std::string& definition, std::string_view flag_key, const FlagPatch& patch);

}  // namespace flagport::store
