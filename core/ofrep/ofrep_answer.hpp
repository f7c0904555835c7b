// The one renderer of OFREP answers (../shared/ofrep/openapi.yaml): the evaluator's
// resolutions and the request's refusals in OFREP's own JSON shapes and status codes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/evaluation/flag_texts.hpp"
#include "core/flags/evaluation.hpp"
#include "core/http/response.hpp"

namespace flagport::ofrep {

// 200 with {key, value?, reason, variant?, metadata?}; 404 FLAG_NOT_FOUND; 400 for
// the other error codes. `value` is absent when the client must use its code default.
// Written from `texts`, those of the flag set resolved.
HttpResponse single_answer(std::string_view key, const flags::Resolution& resolution,
                           const evaluation::FlagSetTexts& texts);

// 200 with {flags: [...], metadata}; ETag set by the caller. `texts`: null when nothing
// is published (no flags, empty metadata).
HttpResponse bulk_answer(const std::vector<flags::BulkEntry>& entries, const evaluation::FlagSetTexts* texts);

// 400 {key?, errorCode, errorDetails} for a request whose context cannot be used.
HttpResponse context_failure(std::string_view key, std::string_view details);

// 401 / 403 / 404 / 500 {errorDetails} (and, for a single flag, the key).
HttpResponse failure(int status, std::string_view details, std::string_view key = {},
                     std::string_view error_code = {});

}  // namespace flagport::ofrep
