#include "core/evaluation/copy_bytes.hpp"

namespace flagport::evaluation {
namespace {

// Bytes per part, fitted (and rounded up a little) to the heap that compiled copies of flag
// sets of three shapes take: plain booleans, a mix of rules, object variants with metadata
// (bench/memory/copy-bytes.mjs; natively by mallinfo2, in the Worker's module by the growth
// of its memory). A JSON value is also the answer texts written from it; a rule node also
// its constants. wasm32's pointers and strings are narrower, hence its own figures.
struct Costs {
  std::size_t per_copy, per_flag, per_json_value, per_rule_node, per_string;
};
constexpr Costs kCosts = sizeof(void*) == 4 ? Costs{2048, 304, 128, 168, 32} : Costs{4096, 416, 152, 216, 48};
// A long string in a variant is held three times (the JSON value, its value text, the OFREP
// answer's head), one in metadata twice (the value, the flag's metadata text).
constexpr std::size_t kVariantTextCopies = 3;
constexpr std::size_t kMetadataTextCopies = 2;
// Longer strings than this are a heap block of their own (std::string's inline capacity).
constexpr std::size_t kInlineChars = sizeof(void*) == 4 ? 10 : 15;
constexpr std::size_t kBlockOverhead = 16;

std::size_t json_values(const nlohmann::ordered_json& value) {
  std::size_t count = 1;
  if (value.is_structured())
    for (const auto& item : value) count += json_values(item);
  return count;
}

std::size_t text_bytes(std::size_t chars) { return chars > kInlineChars ? chars + kBlockOverhead : 0; }

// The heap bytes of the string values too long to be inline (member names, seldom long, are
// left to the per-value figure).
std::size_t long_text_bytes(const nlohmann::ordered_json& value) {
  if (value.is_string()) return text_bytes(value.get_ref<const std::string&>().size());
  std::size_t bytes = 0;
  if (value.is_structured())
    for (const auto& item : value) bytes += long_text_bytes(item);
  return bytes;
}

}  // namespace

CopyShape shape_of(const PublishedFlags& flags) {
  CopyShape shape;
  if (flags.flag_set) {
    shape.flags = flags.flag_set->flags().size();
    shape.rule_nodes = flags.flag_set->rule_nodes();
    for (const auto& flag : flags.flag_set->flags()) {
      shape.json_values += json_values(flag.variants) + json_values(flag.metadata);
      shape.variant_text_bytes += long_text_bytes(flag.variants);
      shape.metadata_text_bytes += long_text_bytes(flag.metadata);
    }
  }
  for (const auto* list : {&flags.key_digests, &flags.allowed_origins}) {
    shape.strings += list->size();
    for (const auto& text : *list) shape.string_bytes += text.size();
  }
  return shape;
}

std::size_t copy_bytes(const CopyShape& shape) {
  return kCosts.per_copy + kCosts.per_flag * shape.flags + kCosts.per_json_value * shape.json_values +
         kCosts.per_rule_node * shape.rule_nodes + kCosts.per_string * shape.strings + shape.string_bytes +
         kVariantTextCopies * shape.variant_text_bytes + kMetadataTextCopies * shape.metadata_text_bytes;
}

}  // namespace flagport::evaluation
