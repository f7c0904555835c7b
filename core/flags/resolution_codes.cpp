#include "core/flags/resolution_codes.hpp"

#include <cstddef>
#include <iterator>

namespace flagport::flags {

namespace {

// In the order of Reason, quoted: answers write them as JSON strings, already made.
constexpr std::string_view kQuotedReasons[] = {"\"STATIC\"",  "\"DEFAULT\"", "\"TARGETING_MATCH\"",
                                               "\"SPLIT\"",   "\"CACHED\"",  "\"DISABLED\"",
                                               "\"UNKNOWN\"", "\"STALE\"",   "\"ERROR\""};

}  // namespace

std::string_view quoted_wire_name(Reason reason) {
  const auto index = static_cast<std::size_t>(reason);
  return index < std::size(kQuotedReasons) ? kQuotedReasons[index] : "\"UNKNOWN\"";
}

std::string_view wire_name(Reason reason) {
  const std::string_view quoted = quoted_wire_name(reason);
  return quoted.substr(1, quoted.size() - 2);
}

std::string_view wire_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::None: return "";
    case ErrorCode::FlagNotFound: return "FLAG_NOT_FOUND";
    case ErrorCode::ParseError: return "PARSE_ERROR";
    case ErrorCode::TypeMismatch: return "TYPE_MISMATCH";
    case ErrorCode::TargetingKeyMissing: return "TARGETING_KEY_MISSING";
    case ErrorCode::InvalidContext: return "INVALID_CONTEXT";
    case ErrorCode::General: return "GENERAL";
  }
  return "GENERAL";
}

}  // namespace flagport::flags
