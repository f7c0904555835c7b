#include "core/insights/insights_rows.hpp"

#include <algorithm>

#include "core/flags/ordered_json_parse.hpp"
#include "core/http/json_text.hpp"
#include "core/json.hpp"

namespace flagport::insights {

namespace {

template <class Rows, class AppendRow>
std::vector<std::string> split(const Rows& rows, std::size_t max_bytes, AppendRow append_row) {
  std::vector<std::string> parts;
  std::string part = "[";
  std::string row;
  for (const auto& entry : rows) {
    row.clear();
    append_row(row, entry);
    if (part.size() > 1 && part.size() + row.size() + 2 > max_bytes) {
      part += ']';
      parts.push_back(std::move(part));
      part = "[";
    }
    if (part.size() > 1) part += ',';
    part += row;
  }
  part += ']';
  parts.push_back(std::move(part));
  return parts;
}

}  // namespace

std::vector<std::string> encode_parts(const CountRows& rows, std::size_t max_bytes) {
  return split(rows, max_bytes, [](std::string& out, const CountRows::value_type& entry) {
    const auto& [flag, variant, reason] = entry.first;
    out += '[';
    json_text::append_string(out, flag);
    out += ',';
    if (variant)
      json_text::append_string(out, *variant);
    else
      out += "null";
    out += ',';
    json_text::append_string(out, reason);
    out += ',';
    out += std::to_string(entry.second);
    out += ']';
  });
}

std::vector<std::string> encode_parts(const LastRows& rows, std::size_t max_bytes) {
  return split(rows, max_bytes, [](std::string& out, const LastRows::value_type& entry) {
    out += '[';
    json_text::append_string(out, entry.first);
    out += ',';
    out += std::to_string(entry.second);
    out += ']';
  });
}

bool merge_part(std::string_view text, CountRows& into) {
  Json doc = flags::parse_ordered_json(text);
  if (!doc.is_array()) return false;
  for (const auto& row : doc) {
    if (!row.is_array() || row.size() != 4 || !row[0].is_string() || !(row[1].is_string() || row[1].is_null()) ||
        !row[2].is_string() || !row[3].is_number_integer())
      return false;
    std::optional<std::string> variant;
    if (row[1].is_string()) variant = row[1].get<std::string>();
    into[{row[0].get<std::string>(), std::move(variant), row[2].get<std::string>()}] += row[3].get<std::int64_t>();
  }
  return true;
}

bool merge_part(std::string_view text, LastRows& into) {
  Json doc = flags::parse_ordered_json(text);
  if (!doc.is_array()) return false;
  for (const auto& row : doc) {
    if (!row.is_array() || row.size() != 2 || !row[0].is_string() || !row[1].is_number_integer()) return false;
    auto& kept = into[row[0].get<std::string>()];
    kept = std::max(kept, row[1].get<std::int64_t>());
  }
  return true;
}

}  // namespace flagport::insights
