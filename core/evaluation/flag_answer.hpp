// A resolution as the Flagport API answers it, inside the envelope:
// {key, value, variant, reason, metadata} and, for failures, errorCode and errorDetails,
// written from the flag set's texts (values and metadata as flagd-core writes them).
#pragma once

#include <string>
#include <string_view>

#include "core/evaluation/flag_texts.hpp"
#include "core/flags/evaluation.hpp"
#include "core/http/response.hpp"

namespace flagport::evaluation {

// Appends the answer's JSON object; `texts` are those of the flag set resolved.
void append_flag_answer(std::string& out, std::string_view key, const flags::Resolution& resolution,
                        const FlagSetTexts& texts);

// The envelope for one flag: success, or the failure its error code calls for
// (FLAG_NOT_FOUND: notFound; context and rule problems: badRequest; GENERAL: error).
Response single_flag_response(std::string_view key, const flags::Resolution& resolution, const FlagSetTexts& texts);

}  // namespace flagport::evaluation
