#include "core/access/token_cache.hpp"

#include <algorithm>

#include "core/access/directory_object.hpp"
#include "core/json_fields.hpp"
#include "core/ports/log.hpp"
#include "core/ports/objects.hpp"
#include "core/store/object_reply.hpp"

namespace flagport::access {
namespace {

// The hex digits after "tok_" as a number; ids of another shape give 0, which is only a
// hint: a match is confirmed on the whole id.
std::uint64_t id_number(std::string_view id) {
  std::uint64_t n = 0;
  for (char c : id.substr(std::min<std::size_t>(4, id.size()))) {
    const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (digit < 0) return 0;
    n = n << 4 | static_cast<std::uint64_t>(digit);
  }
  return n;
}

std::shared_ptr<const DirectoryCopy> read_copy(Json& data, std::int64_t now_ms) {
  auto copy = std::make_shared<DirectoryCopy>();
  copy->read_at = now_ms;
  if (auto tokens = data.find("tokens"); tokens != data.end() && tokens->is_array())
    for (const auto& token : *tokens)
      if (auto actor = actor_from_grant(token); actor && !actor->root) {
        copy->numbers.push_back(id_number(actor->id));
        copy->tokens.push_back({std::move(*actor), json_fields::string_or(token, "digest")});
      }
  return copy;
}

}  // namespace

const DirectoryCopy::Token* DirectoryCopy::token(std::string_view id) const {
  const std::uint64_t wanted = id_number(id);
  for (std::size_t i = 0; i < numbers.size(); ++i)
    if (numbers[i] == wanted && tokens[i].actor.id == id) return &tokens[i];
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
