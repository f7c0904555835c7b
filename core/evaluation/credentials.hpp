// Who an evaluation request is: the admin, a client key of one project, or nobody.
// Keys come as `Authorization: Bearer <key>` or `X-API-Key: <key>`; a client key is
// checked against the digests in the project's published record.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/http/request.hpp"
#include "core/task/task.hpp"

namespace flagport::evaluation {

std::optional<std::string_view> presented_key(const HttpRequest& request);

// SHA-256 hex of key texts, computed by the host once per key and isolate / process.
class KeyDigests {
 public:
  // nullopt when the host could not hash (logged).
  Task<std::optional<std::string>> of(std::string key_text);

 private:
  static constexpr std::size_t kMaxRemembered = 4096;
  std::map<std::string, std::string, std::less<>> remembered_;
};

}  // namespace flagport::evaluation
