#pragma once
// The closed sets of resolution reasons and error codes, and their OpenFeature wire names.

#include <string_view>

namespace flagport::flags {

enum class Reason { Static, Default, TargetingMatch, Split, Cached, Disabled, Unknown, Stale, Error };

enum class ErrorCode {
  None,
  FlagNotFound,
  ParseError,
  TypeMismatch,
  TargetingKeyMissing,
  InvalidContext,
  General,
};

// "STATIC", "TARGETING_MATCH", ...
std::string_view wire_name(Reason reason);
// The same as a JSON string literal, quotes included.
std::string_view quoted_wire_name(Reason reason);
// "FLAG_NOT_FOUND", ...; "" for None.
std::string_view wire_name(ErrorCode code);

}  // namespace flagport::flags
