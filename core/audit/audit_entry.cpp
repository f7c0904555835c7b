#include "core/audit/audit_entry.hpp"

namespace flagport::audit {

Json entry(const Json& actor, std::string_view request_id, std::string_view source, std::int64_t at,
           Change change) {
  Json out = {{"at", at}, {"actor", actor}, {"action", std::move(change.action)}, {"target", std::move(change.target)},
              {"requestId", request_id}};
  if (!source.empty()) out["source"] = source;
  if (change.version_before) out["versionBefore"] = *change.version_before;
  if (change.version_after) out["versionAfter"] = *change.version_after;
  out["summary"] = std::move(change.summary);
  return out;
}

}  // namespace flagport::audit
