// Object methods answer their caller with a serialized Response (status, message,
// data) and, for commits, the bytes to publish to KV, attached after a newline so they
// travel as they are.
#pragma once

#include <string>
#include <string_view>

#include "core/http/response.hpp"
#include "core/task/effect.hpp"

namespace flagport::store {

struct ObjectReply {
  ObjectReply(Response r = {}, std::string record = {}) : response(std::move(r)), publish(std::move(record)) {}
  Response response;
  std::string publish;  // an encoded PublishedRecord, or empty
};

std::string encode_reply(const ObjectReply& reply);
// A failed call or unreadable bytes become an `error` Response (and a log line).
ObjectReply decode_reply(const EffectResult& result, std::string_view method);

}  // namespace flagport::store
