// JSON text written by hand where a document would cost more than the answer: the bytes
// are exactly what nlohmann's dump(-1, ' ', false, replace) writes, so bodies do not change.
#pragma once

#include <string>
#include <string_view>

namespace flagport::json_text {

// Appends `text` as a JSON string literal, quotes included.
void append_string(std::string& out, std::string_view text);

// `json` (valid JSON text) without the whitespace between its tokens or a leading BOM:
// every other byte stays as written, so a document reads back as its author wrote it.
std::string minified(std::string_view json);

}  // namespace flagport::json_text
