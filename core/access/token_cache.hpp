// The access tokens as one instance (isolate / process) knows them: a copy of the directory
// object's list (digests, roles, projects), read at most every kFreshMs. So a token check
// costs no object call on most admin requests, and a revoked token is refused everywhere at
// most kFreshMs after the revocation (at once by the instance that revoked it, which forgets
// its copy).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/access/actor.hpp"
#include "core/task/task.hpp"

namespace flagport::access {

inline constexpr std::int64_t kFreshMs = 10'000;
// A token the copy does not hold may have been created since, on another instance: read
// again at once, so that a new token works everywhere as soon as it is made; but at most this
// many such reads per second and instance (a burst of as many), so that made-up tokens cannot
// turn every request into an object call.
inline constexpr int kUnknownRechecksPerSecond = 5;

struct DirectoryCopy {
  struct Token {
    Actor actor;
    std::string digest;  // lower-case hex SHA-256 of the token's text
  };
  // Parsed once from the directory's snapshot (Actor::grant() and "digest"). At most
  // limits::kMaxAccessTokens, found by a scan of `numbers`, each id's 16 hex digits as an
  // integer, side by side in memory (comparing the ids' heap strings instead cost ~15 ns
  // each); a map or a sort would cost the wasm module more code than the scan costs time.
  std::vector<Token> tokens;
  std::vector<std::uint64_t> numbers;  // numbers[i]: tokens[i]'s id
  std::int64_t read_at = 0;

  const Token* token(std::string_view id) const;
};

class TokenCache {
 public:
  // The copy, read again when older than kFreshMs, or when `missing` names a token it lacks
  // and a recheck is allowed; null when the directory could not be read (logged).
  Task<std::shared_ptr<const DirectoryCopy>> copy(std::int64_t now_ms, std::string missing = {});
  // After this instance changed the directory: the next check reads it again.
  void forget() { copy_.reset(); }

 private:
  // Token bucket of unknown-token rechecks, refilled with time.
  bool allow_recheck(std::int64_t now_ms);

  std::shared_ptr<const DirectoryCopy> copy_;
  double recheck_allowance_ = kUnknownRechecksPerSecond;
  std::int64_t recheck_refilled_at_ = 0;
};

}  // namespace flagport::access
