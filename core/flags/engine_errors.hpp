#pragma once
// The messages of what json-logic-engine (and V8 under it) throws, as a rule inside `try`
// reads them from `{"var": "type"}`. Failures are otherwise all alike (flagd-core: GENERAL).

#include <string_view>

namespace flagport::flags::engine_errors {

// the engine's own
inline constexpr std::string_view kNaN = "NaN";
inline constexpr std::string_view kInvalidArguments = "Invalid Arguments";
inline constexpr std::string_view kUnknownOperator = "Unknown Operator";
inline constexpr std::string_view kExceededDepth = "Exceeded Allowed Depth";
inline constexpr std::string_view kPipeNeedsArray = "Data for pipe must be an array";
// flagd-core's operators, away from the top-level data
inline constexpr std::string_view kLoggerNotFound = "Logger not found in context";
// V8's TypeErrors, worded as the engine's source provokes them
inline constexpr std::string_view kIteratorNotFunction = "selector[name] is not a function";
inline constexpr std::string_view kReduceNotFunction = "selector.reduce is not a function";
inline constexpr std::string_view kReduceOfEmpty = "Reduce of empty array with no initial value";
inline constexpr std::string_view kIncludesNotFunction = "(array || []).includes is not a function";
inline constexpr std::string_view kSubstrNotFunction = "string.substr is not a function";
inline constexpr std::string_view kKeyIncludesNotFunction = "optimizedArgs.includes is not a function";
inline constexpr std::string_view kReduceMapperUndefined = "Cannot read properties of undefined (reading '+')";
inline constexpr std::string_view kReduceMapperNull = "Cannot read properties of null (reading '+')";
inline constexpr std::string_view kTryOfNull = "Cannot read properties of null (reading '0')";
inline constexpr std::string_view kNullToObject = "Cannot convert undefined or null to object";
inline constexpr std::string_view kCalledNotFunction = "called is not a function";
inline constexpr std::string_view kToLocaleString = "Object.prototype.toLocaleString called on null or undefined";

}  // namespace flagport::flags::engine_errors
