#pragma once
// flagd's operators on top of JsonLogic, registered in one place (like flagd's
// core/pkg/evaluator). Each lives in its own file with its own test.

#include <string_view>

#include "core/flags/rule.hpp"

namespace flagport::flags {

Value fractional(const Value* args, std::size_t count, const DataAccess& data, Arena& scratch);
Value sem_ver(const Value* args, std::size_t count, const DataAccess& data, Arena& scratch);
Value starts_with(const Value* args, std::size_t count, const DataAccess& data, Arena& scratch);
Value ends_with(const Value* args, std::size_t count, const DataAccess& data, Arena& scratch);

// nullptr when `name` is not one of flagd's operators.
CustomOperator find_custom_operator(std::string_view name);

}  // namespace flagport::flags
