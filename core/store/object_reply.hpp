// Object methods answer their caller with a serialized Response (status, message,
// data); the caller turns the bytes of the ObjectCall effect back into a Response.
#pragma once

#include <string>

#include "core/http/response.hpp"
#include "core/task/effect.hpp"

namespace flagport::store {

std::string encode_reply(const Response& response);
// A failed call or unreadable bytes become an `error` Response (and a log line).
Response decode_reply(const EffectResult& result, std::string_view method);

}  // namespace flagport::store
