#include "core/access/token_cache.hpp"

#include "core/access/directory_object.hpp"
#include "core/json_fields.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::access {
namespace {

std::shared_ptr<const DirectoryCopy> read_copy(Json& data, std::int64_t now_ms) {
  auto copy = std::make_shared<DirectoryCopy>();
  copy->read_at = now_ms;
  if (auto tokens = data.find("tokens"); tokens != data.end() && tokens->is_array())
    for (const auto& token : *tokens)
      if (auto actor = actor_from_grant(token); actor && !actor->root)
        copy->tokens.push_back({std::move(*actor), json_fields::string_or(token, "digest")});
  return copy;
}

}  // namespace

const DirectoryCopy::Token* DirectoryCopy::token(std::string_view id) const {
  for (const auto& token : tokens)
    if (token.actor.id == id) return &token;
  return nullptr;
}

bool TokenCache::allow_recheck(std::int64_t now_ms) {
  const std::int64_t elapsed = now_ms - recheck_refilled_at_;
  if (elapsed > 0) {
    recheck_allowance_ = std::min<double>(kUnknownRechecksPerSecond,
                                          recheck_allowance_ + elapsed * kUnknownRechecksPerSecond / 1000.0);
    recheck_refilled_at_ = now_ms;
  }
  if (recheck_allowance_ < 1) return false;
  recheck_allowance_ -= 1;
  return true;
}

Task<std::shared_ptr<const DirectoryCopy>> TokenCache::copy(std::int64_t now_ms, std::string missing) {
  const std::int64_t age = copy_ ? now_ms - copy_->read_at : kFreshMs;
  const bool fresh = age >= 0 && age < kFreshMs;
  const bool lacks = !missing.empty() && copy_ && !copy_->token(missing);
  if (fresh && !(lacks && allow_recheck(now_ms))) co_return copy_;
  EffectResult called = co_await objects::call(std::string(kDirectoryObject), "snapshot", "{}");
  store::ObjectReply reply = store::decode_reply(called, "snapshot");
  if (reply.response.status != Status::Success) {
    log::error("tokens.directory_unavailable", {{"reason", reply.response.message}});
    co_return nullptr;
  }
  copy_ = read_copy(reply.response.data, now_ms);
  co_return copy_;
}

}  // namespace flagport::access
