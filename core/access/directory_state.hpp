// What the directory object keeps (its state record, the one record it rewrites): the access
// tokens, never their texts, only SHA-256 digests; the projects the admin API has changed,
// which GET /v1/projects lists; and the audit log of token changes.
//
// One object for the whole service, not one per project: a token may span projects, and an
// admin request must find its token by id alone. Token changes are rare, and each instance
// reads the list at most every few seconds (token_cache.hpp), so one object's throughput is
// never on a request's path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/access/actor.hpp"
#include "core/audit/audit_log.hpp"

namespace flagport::access {

struct TokenEntry {
  Actor actor;  // id, name, role, projects
  std::string digest;
  std::int64_t created_at = 0;
  Json created_by = nullptr;  // Actor::named() of who created it

  // What the admin API shows: no digest.
  Json view() const;
};

struct DirectoryState {
  std::vector<TokenEntry> tokens;     // oldest first
  std::vector<std::string> projects;  // sorted
  audit::AuditLog audit;

  std::string encode() const;
  static std::optional<DirectoryState> decode(std::string_view bytes);
};

}  // namespace flagport::access
