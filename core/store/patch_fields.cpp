#include "core/store/patch_fields.hpp"

#include <algorithm>

#include "core/flags/load_error.hpp"

namespace flagport::store {

void read_patch_fields(const Json& document, const std::string& pointer, std::initializer_list<std::string_view> also,
                       Json& args, std::vector<FieldError>& errors) {
  const std::size_t before = errors.size();
  for (auto it = document.begin(); it != document.end(); ++it) {
    const std::string& field = it.key();
    const Json& value = it.value();
    if (field == "state") {
      if (value.is_string() && (value.get_ref<const std::string&>() == "ENABLED" ||
                                value.get_ref<const std::string&>() == "DISABLED"))
        args["state"] = value;
      else
        errors.push_back({pointer + "/state", "must be ENABLED or DISABLED"});
    } else if (field == "defaultVariant") {
      if (value.is_string() || value.is_null()) args["defaultVariant"] = value;
      else errors.push_back({pointer + "/defaultVariant", "must be a variant name or null"});
    } else if (std::find(also.begin(), also.end(), field) == also.end()) {
      errors.push_back({flags::pointer_append(pointer, field), "unknown field; a patch may set state and defaultVariant"});
    }
  }
  if (errors.size() == before && !args.contains("state") && !args.contains("defaultVariant"))
    errors.push_back({pointer, "a patch sets at least one of state, defaultVariant"});
}

}  // namespace flagport::store
