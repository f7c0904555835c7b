// store::patch_flag on a stored definition: the input is a flag set (kept only when
// load_flag_set accepts it, minified as the store keeps it), a NUL, a flag key (empty: the
// set's first flag), a NUL and the patch: one byte choosing state (none, ENABLED,
// DISABLED) and default variant (none, null, the first variant of the flag, the bytes
// after it). A patched definition must still load, with the flag as patched.
#include <string>

#include "core/flags/flag_set.hpp"
#include "core/http/json_text.hpp"
#include "core/store/flag_patch.hpp"
#include "fuzz/targets/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace flagport;
  const auto parts = fuzz::split(fuzz::text(data, size), 3);
  const auto before = flags::load_flag_set(parts[0]);
  if (!before.ok() || before.flag_set->flags().empty()) return 0;
  const flags::Flag& first = before.flag_set->flags().front();
  const std::string key = parts[1].empty() ? first.key : std::string(parts[1]);

  store::FlagPatch patch;
  const unsigned choice = parts[2].empty() ? 0 : static_cast<unsigned char>(parts[2][0]);
  if (choice % 3 == 1) patch.state = "ENABLED";
  if (choice % 3 == 2) patch.state = "DISABLED";
  switch (choice / 3 % 4) {
    case 1: patch.default_variant = std::optional<std::string>(); break;
    case 2:
      if (!first.variant_list.empty()) patch.default_variant = std::optional<std::string>(first.variant_list.front().name);
      break;
    case 3: patch.default_variant = std::optional<std::string>(parts[2].substr(1)); break;
  }

  std::string definition = json_text::minified(parts[0]);
  const std::string stored = definition;
  const store::PatchOutcome outcome = store::patch_flag(definition, key, patch);
  if (outcome != store::PatchOutcome::Patched) {
    FUZZ_CHECK(definition == stored);
    FUZZ_CHECK(outcome != store::PatchOutcome::NoSuchFlag || !before.flag_set->find(key));
    return 0;
  }
  FUZZ_CHECK(before.flag_set->find(key));
  const auto after = flags::load_flag_set(definition);
  FUZZ_CHECK(after.ok());
  const flags::Flag* flag = after.flag_set->find(key);
  FUZZ_CHECK(flag);
  FUZZ_CHECK(after.flag_set->flags().size() == before.flag_set->flags().size());
  if (patch.state) FUZZ_CHECK(flag->enabled == (*patch.state == "ENABLED"));
  if (patch.default_variant) {
    if (!*patch.default_variant || (*patch.default_variant)->empty()) {
      FUZZ_CHECK(flag->default_variant == nullptr);
    } else {
      FUZZ_CHECK(flag->default_variant && flag->default_variant->name == **patch.default_variant);
    }
  }
  return 0;
}
