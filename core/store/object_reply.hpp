// Object methods answer their caller with a serialized Response (status, message,
// data) and, attached after a newline so that they travel as they are, bytes: for commits
// the record to publish to KV, for `current` the definition's text.
#pragma once

#include <string>
#include <string_view>

#include "core/http/response.hpp"
#include "core/task/effect.hpp"

namespace flagport::store {

struct ObjectReply {
  ObjectReply(Response r = {}, std::string bytes = {}) : response(std::move(r)), attached(std::move(bytes)) {}
  Response response;
  std::string attached;  // an encoded PublishedRecord, a definition, or empty
};

std::string encode_reply(const ObjectReply& reply);
// A failed call or unreadable bytes become an `error` Response (and a log line).
ObjectReply decode_reply(const EffectResult& result, std::string_view method);

}  // namespace flagport::store
