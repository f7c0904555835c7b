#include "core/flags/resolution_codes.hpp"

namespace flagport::flags {

std::string_view wire_name(Reason reason) {
  switch (reason) {
    case Reason::Static: return "STATIC";
    case Reason::Default: return "DEFAULT";
    case Reason::TargetingMatch: return "TARGETING_MATCH";
    case Reason::Split: return "SPLIT";
    case Reason::Cached: return "CACHED";
    case Reason::Disabled: return "DISABLED";
    case Reason::Unknown: return "UNKNOWN";
    case Reason::Stale: return "STALE";
    case Reason::Error: return "ERROR";
  }
  return "UNKNOWN";
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
