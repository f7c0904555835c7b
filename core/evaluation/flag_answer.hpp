// A resolution as the Flagport API answers it, inside the envelope:
// {key, value, variant, reason, metadata} and, for failures, errorCode.
#pragma once

#include <string_view>

#include "core/flags/evaluation.hpp"
#include "core/http/response.hpp"

namespace flagport::evaluation {

nlohmann::json flag_answer(std::string_view key, const flags::Resolution& resolution);

// The envelope for one flag: success, or the failure its error code calls for
// (FLAG_NOT_FOUND: notFound; context and rule problems: badRequest; GENERAL: error).
Response single_flag_response(std::string_view key, const flags::Resolution& resolution);

// JSON of the flag set's own (ordered) values, for the envelope's data.
nlohmann::json plain_json(const nlohmann::ordered_json& value);

}  // namespace flagport::evaluation
