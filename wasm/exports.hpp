// What the exports of both modules share (exports.cpp lists the ABI).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/app.hpp"

#define FLAGPORT_EXPORT(name) extern "C" __attribute__((used, export_name(#name)))

namespace flagport::wasm_exports {

// The provider this module serves (the X-Flagport-Provider header).
inline constexpr std::string_view kProvider = "cloudflare";

// The service of this instance, made by flagport_init from the host's settings (null before);
// it lives as long as the instance.
App* app();

inline std::string_view view(const std::uint8_t* data, std::uint32_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace flagport::wasm_exports
