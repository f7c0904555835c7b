// One audit entry: who changed what, when, from where, and the flag-set version around it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/json.hpp"

namespace flagport::audit {

struct Change {
  Change(std::string action_, std::string target_, Json summary_ = Json::object(),
         std::optional<std::int64_t> before = {}, std::optional<std::int64_t> after = {})
      : action(std::move(action_)), target(std::move(target_)), summary(std::move(summary_)),
        version_before(before), version_after(after) {}
  std::string action;  // "flags.publish", "keys.create", "tokens.revoke", ...
  std::string target;  // what it changed: the project, a flag key, a key / schedule / token id
  Json summary = Json::object();
  std::optional<std::int64_t> version_before;  // of the flag set, in a project's log
  std::optional<std::int64_t> version_after;
};

// `actor`: Actor::named(), or for a scheduled change {"kind":"schedule","id",...}.
// `source`: the client's address as the host saw it ("" when unknown).
Json entry(const Json& actor, std::string_view request_id, std::string_view source, std::int64_t at,
           Change change);

}  // namespace flagport::audit
