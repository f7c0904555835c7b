// Rows of counts and of last-evaluation times, merged by key, in the text of a part
// (insights_state.hpp): a JSON array of ["flag", "variant"|null, "REASON", n] or ["flag", ms].
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace flagport::insights {

using CountKey = std::tuple<std::string, std::optional<std::string>, std::string>;  // flag, variant, reason
using CountRows = std::map<CountKey, std::int64_t>;                                // summed
using LastRows = std::map<std::string, std::int64_t>;                             // latest

// Parts of at most `max_bytes` (one at least, even when empty).
std::vector<std::string> encode_parts(const CountRows& rows, std::size_t max_bytes);
std::vector<std::string> encode_parts(const LastRows& rows, std::size_t max_bytes);

// Adds a part's rows into `into`; false when the text is not such a part.
bool merge_part(std::string_view text, CountRows& into);
bool merge_part(std::string_view text, LastRows& into);

}  // namespace flagport::insights
