#pragma once
// Flag-set text into an ordered_json, as nlohmann's own parser makes it (same grammar, same
// number types, a repeated key keeps its first place and its last value), in linear time:
// nlohmann's DOM parser inserts every key through a search of the keys before it and grows
// the members one by one, copying their const keys, which made loading a 200-flag set
// quadratic. Here an object's members are collected and the object built when it closes,
// and the text is read by json_reader (the same grammar, read in place), whose strings need
// no copy character by character.

#include <string_view>

#include <nlohmann/json.hpp>

namespace flagport::flags {

// A discarded value (is_discarded()) when the text is not one JSON document (a NUL byte
// anywhere included, which nlohmann's own parser would take for the end of the text) or
// nests deeper than json_reader::kMaxDepth.
nlohmann::ordered_json parse_ordered_json(std::string_view text);

}  // namespace flagport::flags
