// The request headers the core reads, and no other: a host may hand over just these.
// The Worker does (wasm/exports.cpp lists them), since asking workerd's Headers for five
// names costs a third of iterating every header a request carries.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace flagport {

enum class RequestHeader : std::uint8_t { authorization, if_match, if_none_match, origin, x_api_key };

// Lower case, in the order of RequestHeader.
inline constexpr std::array<std::string_view, 5> kRequestHeaderNames = {
    "authorization", "if-match", "if-none-match", "origin", "x-api-key"};

constexpr std::string_view name_of(RequestHeader header) {
  return kRequestHeaderNames[static_cast<std::size_t>(header)];
}

}  // namespace flagport
